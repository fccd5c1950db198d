package io.azof.core.maintenance;

import static io.azof.core.maintenance.SmallTable.row;
import static io.azof.core.testing.TestTimes.june2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.maintenance.TableHistory.VersionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History rows derived by hand from the writes (one month segment and one bucket: one file per month written). */
class TableHistoryTest {
    @TempDir
    Path dir;

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    @Test
    void oneRowPerVersionNewestFirstWithWhatEachCommitDid() {
        SmallTable table = new SmallTable(dir);
        table.write(june2024(1), SmallTable.OPTIONS.withWriteId("load-1"), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2));
        table.append(june2024(2), row("c", "2024-01-20", 3));
        table.overwrite(june2024(3), row("d", "2024-03-10", 4));
        table.append(june2024(4));
        // A writer whose clock is behind commits one millisecond after the previous commit (SPEC 6.6).
        table.append(june2024(1), row("e", "2024-03-11", 5));

        List<VersionInfo> expected = List.of(
                new VersionInfo(5, millis(june2024(4)) + 1, "append", null, 1, 1, 0, 0, false, 0),
                new VersionInfo(4, millis(june2024(4)), "append", null, 0, 0, 0, 0, false, 0),
                new VersionInfo(3, millis(june2024(3)), "overwrite", null, 1, 1, 3, 3, false, 0),
                new VersionInfo(2, millis(june2024(2)), "append", null, 1, 1, 0, 0, false, 0),
                new VersionInfo(1, millis(june2024(1)), "create", "load-1", 2, 2, 0, 0, false, 0));
        assertThat(Table.forStorage(table.storage).history()).isEqualTo(expected);

        Table.forStorage(table.storage).expireVersions().retainLast(3).commit();
        assertThat(Table.forStorage(table.storage).history()).isEqualTo(List.of(
                expected.get(0), expected.get(1), expected.get(2),
                new VersionInfo(2, millis(june2024(2)), "append", null, 1, 1, 0, 0, true, 0),
                new VersionInfo(1, millis(june2024(1)), "create", "load-1", 2, 2, 0, 0, true, 0)));
        assertThat(Table.forStorage(table.storage).history().get(4).committedAt()).isEqualTo(june2024(1));
    }

    @Test
    void azof021TablesHaveNoHistoryAndSaySo() throws IOException {
        Files.writeString(dir.resolve("s1.json"), """
                {"schema": {"columns": [{"name": "value", "data_type": "String", "nullable": false}]},
                 "segments": [{"id": "1", "start": "2024-01-01T00:00:00.000Z", "file": "base.parquet"}]}""");
        Files.writeString(dir.resolve("version.txt"), "1");

        assertThatThrownBy(() -> Table.forStorage(new SmallTable(dir).storage).history())
                .isInstanceOf(AzofException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("azof 0.2.1")
                .hasMessageContaining("record no commit")
                .hasMessageContaining("the only version is 1");
    }

    @Test
    void aDirectoryWithoutATableHasNoHistory() {
        assertThatThrownBy(() -> Table.forStorage(new SmallTable(dir).storage).history())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(dir.toString());
    }
}
