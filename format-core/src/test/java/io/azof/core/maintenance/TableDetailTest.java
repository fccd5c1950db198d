package io.azof.core.maintenance;

import static io.azof.core.maintenance.SmallTable.row;
import static io.azof.core.testing.TestTimes.june2024;
import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDetailTest {
    @TempDir
    Path dir;

    /** Bytes of the Parquet files on disk, measured by the file system rather than taken from the snapshot. */
    private static long parquetBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            long total = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    @Test
    void describesTheLatestVersionOfATableThisProjectWrote() throws IOException {
        SmallTable table = new SmallTable(dir);
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2));
        table.append(june2024(2), row("a", "2024-02-20", 3));
        table.append(june2024(3), row("c", "2023-12-31", 4));

        TableDetail detail = Table.forStorage(table.storage).detail();

        // Files: January and February (v1), February (v2), December 2023 (v3); three monthly segments.
        TableDetail expected = new TableDetail(table.storage.tableLocation(), TableDefinition.MANIFEST_FORMAT, 3, june2024(3).toEpochMilli(), 1, List.of("id"), "at",
                SegmentGranularity.MONTH, 1, 3, 4, 0, parquetBytes(dir), 4L,
                micros("2023-12-31T00:00:00Z"), micros("2024-02-20T00:00:00Z"));
        assertThat(detail).isEqualTo(expected);

        Table.forStorage(table.storage).expireVersions().retainLast(1).commit();
        assertThat(Table.forStorage(table.storage).detail().earliestRetainedVersion()).isEqualTo(3);
        assertThat(Table.forStorage(table.storage).detail().version()).isEqualTo(3);
    }

    @Test
    void describesWhatAnAzof021SnapshotHolds() throws IOException {
        String snapshot = """
                {"schema": {"columns": [{"name": "value", "data_type": "String", "nullable": false}]},
                 "segments": [
                   {"id": "y2023", "start": "2023-01-01T00:00:00.000Z", "end": "2023-12-31T23:59:59.999Z", "file": "b2023.parquet",
                    "delta": [{"file": "d1.parquet", "start": "2023-01-01T00:00:00.000Z", "end": "2023-12-31T23:59:59.999Z"}],
                    "segments": [{"id": "h1", "start": "2023-01-01T00:00:00.000Z", "end": "2023-06-30T23:59:59.999Z",
                      "delta": [{"file": "d2.parquet", "start": "2023-01-01T00:00:00.000Z", "end": "2023-03-31T23:59:59.999Z"},
                                {"file": "d3.parquet", "start": "2023-04-01T00:00:00.000Z", "end": "2023-06-30T23:59:59.999Z"}]}]},
                   {"id": "y2024", "start": "2024-01-01T00:00:00.000Z", "file": "b2024.parquet"}]}""";
        Files.writeString(dir.resolve("s1.json"), snapshot);
        Files.writeString(dir.resolve("s2.json"), snapshot);
        Files.writeString(dir.resolve("version.txt"), "2");

        TableDetail detail = Table.forStorage(new SmallTable(dir).storage).detail();

        assertThat(detail).isEqualTo(new TableDetail(new SmallTable(dir).storage.tableLocation(), 1, 2, null, 1, List.of("key"),
                "event_time", null, 0, 2, 3, 2, null, null, null, null));
    }

    @Test
    void aDirectoryWithoutATableHasNoDetail() {
        assertThatThrownBy(() -> Table.forStorage(new SmallTable(dir).storage).detail())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(dir.toString());
    }
}
