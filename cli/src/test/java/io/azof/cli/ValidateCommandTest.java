package io.azof.cli;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.TableStorage;
import io.azof.core.testing.TestTables;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code azof validate} on a table written by the core: the report on stdout and the exit code. */
class ValidateCommandTest {
    private static final StructType SCHEMA = StructType.of(
            new StructField("key", PrimitiveType.STRING, false),
            new StructField("event_time", PrimitiveType.TIMESTAMP, false),
            new StructField("value", PrimitiveType.LONG, true));

    @TempDir
    Path dir;
    TableStorage storage;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeTable() throws IOException {
        storage = TestTables.localStorage(dir);
        Table writer = Table.forStorage(storage);
        writer.newWrite(WriteOptions.append()).rows(SCHEMA, List.<Object[]>of(new Object[] {"a", micros("2024-01-05T00:00:00Z"), 1L})).commit();
        writer.newWrite(WriteOptions.append()).rows(SCHEMA, List.<Object[]>of(new Object[] {"b", micros("2024-02-05T00:00:00Z"), 2L})).commit();
    }

    private int validate(String... args) {
        CommandLine commandLine = AzofCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("validate"));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    @Test
    void validTablePrintsItsReportAndExitsWithZero() {
        int exitCode = validate(dir.toString(), "--deep");

        assertThat(exitCode).as(out + err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "Table " + storage.tableLocation() + " (deep: every record read)",
                "valid: 0 errors, 0 warnings in 2 versions and 2 data files checked");
    }

    @Test
    void tableWithErrorsListsThemAndExitsWithOne() throws IOException {
        String file = Table.forStorage(storage).latestSnapshot().segments().get(0).deltas().get(0).file();
        Files.delete(dir.resolve(file));
        // Through the storage, so the checksum side file Hadoop keeps beside version.txt stays right.
        storage.writeAll("version.txt", "1".getBytes(StandardCharsets.UTF_8));

        int exitCode = validate(dir.toUri().toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().lines()).containsExactly(
                "Table " + storage.tableLocation(),
                "INVALID: 1 error, 1 warning in 2 versions and 2 data files checked",
                "  WARNING VERSION_HINT at version.txt: names version 1 but the latest is 2; readers probe past it",
                "  ERROR FILE_MISSING at s2.json segments[0].delta[0] (" + file + "): the data file does not exist; versions 1 to 2 reference it");
    }
}
