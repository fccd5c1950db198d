package io.azof.cli;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.TestTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenCommandTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("name", ColumnType.STRING, false),
            new Column("count", ColumnType.INT, false),
            new Column("active", ColumnType.BOOLEAN, true),
            new Column("seen", ColumnType.DATE_TIME, true)));
    private static final List<String> COLUMNS = List.of("name", "count", "active", "seen");

    @TempDir
    Path tableDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A segment with a base and a delta, and a child segment holding one more delta. */
    private void writeTable() throws IOException {
        Segment child = new Segment("feb", micros("2024-02-01T00:00:00Z"), micros("2024-02-29T23:59:59.999Z"), null,
                List.of(new DeltaFile("feb.parquet", micros("2024-02-01T00:00:00Z"), micros("2024-02-29T23:59:59.999Z"))),
                List.of());
        Segment top = new Segment("2024", micros("2024-01-01T00:00:00Z"), null, "base.parquet",
                List.of(new DeltaFile("jan.parquet", micros("2024-01-01T00:00:00Z"), micros("2024-01-31T23:59:59.999Z"))),
                List.of(child));
        Files.writeString(tableDir.resolve("s1.json"), SnapshotJson.write(new Snapshot(1, SCHEMA, List.of(top))));
        Files.writeString(tableDir.resolve("version.txt"), "1");
        Files.writeString(tableDir.resolve("base.csv"), """
                a,2024-01-01T00:00:00.000Z,"Anna, the first",1,true,2023-12-31T12:00:00.000Z
                b,2024-01-01T00:00:00.000Z,Bo,2,,
                """);
        Files.writeString(tableDir.resolve("jan.csv"), "b,2024-01-20T08:30:00.250Z,Bo,3,false,2024-01-20T08:00:00.000Z\n");
        Files.writeString(tableDir.resolve("feb.csv"), "c,2024-02-02T00:00:00.000Z,\"Cé \"\"C\"\"\",-4,true,\n");
    }

    private int gen(String... tableDirs) {
        CommandLine commandLine = AzofCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("gen"));
        args.addAll(List.of(tableDirs));
        return commandLine.execute(args.toArray(String[]::new));
    }

    private List<List<Object>> readBack(String file) throws IOException {
        var storage = TestTables.localStorage(tableDir);
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetRowFileReader reader = ParquetRowFileReader.open(storage, file, TableDefinition.legacy(SCHEMA).schema(),
                Stream.concat(Stream.of("key", "event_time"), COLUMNS.stream()).toList())) {
            reader.forEachRemaining(row -> rows.add(Arrays.asList(row)));
        }
        return rows;
    }

    @Test
    void genWritesEveryBaseAndDeltaOfTheSnapshotIncludingChildSegmentsWithTheCsvValues() throws IOException {
        writeTable();

        int exitCode = gen(tableDir.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(readBack("base.parquet")).containsExactly(
                List.of("a", micros("2024-01-01T00:00:00Z"), "Anna, the first", 1L, true, micros("2023-12-31T12:00:00Z")),
                Arrays.asList("b", micros("2024-01-01T00:00:00Z"), "Bo", 2L, null, null));
        assertThat(readBack("jan.parquet")).containsExactly(
                List.of("b", micros("2024-01-20T08:30:00.250Z"), "Bo", 3L, false, micros("2024-01-20T08:00:00Z")));
        assertThat(readBack("feb.parquet")).containsExactly(
                Arrays.asList("c", micros("2024-02-02T00:00:00Z"), "Cé \"C\"", -4L, true, null));
        assertThat(out.toString()).contains("wrote base.parquet (2 rows)", "wrote jan.parquet (1 rows)",
                "wrote feb.parquet (1 rows)");
        assertThat(tableDir.toFile().list()).noneMatch(name -> name.endsWith(".crc"));
    }

    @Test
    void missingCsvFailsNamingTheFile() throws IOException {
        writeTable();
        Files.delete(tableDir.resolve("jan.csv"));

        int exitCode = gen(tableDir.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("azof gen: Missing CSV ", tableDir.resolve("jan.csv").toString(),
                ": gen needs it to write jan.parquet, which the snapshot references");
    }

    @Test
    void badRowFailsNamingFileLineAndColumnAndWritesNoDataFile() throws IOException {
        writeTable();
        Files.writeString(tableDir.resolve("feb.csv"), """
                c,2024-02-02T00:00:00.000Z,Cé,4,true,
                d,2024-02-03T00:00:00.000Z,Dee,4,maybe,
                """);

        int exitCode = gen(tableDir.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains(tableDir.resolve("feb.csv") + " line 2, column 5 (active): "
                + "'maybe' is not a Boolean (true or false)");
        assertThat(tableDir.resolve("base.parquet")).doesNotExist();
    }

    @Test
    void lineNumbersCountPhysicalLinesWhenAQuotedFieldSpansLines() throws IOException {
        writeTable();
        Files.writeString(tableDir.resolve("base.csv"), """
                a,2024-01-01T00:00:00.000Z,"two
                lines",1,true,
                b,2024-01-01T00:00:00.000Z,Bo,x,true,
                """);

        gen(tableDir.toString());

        assertThat(err.toString()).contains("base.csv line 3, column 4 (count): 'x' is not an Int");
    }

    @Test
    void directoryWithoutTableFailsWithTheCoreMessage(@TempDir Path empty) {
        int exitCode = gen(empty.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("azof gen: No azof table at ", "version.txt is missing");
    }
}
