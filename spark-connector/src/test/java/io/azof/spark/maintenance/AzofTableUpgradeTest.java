package io.azof.spark.maintenance;

import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static io.azof.spark.maintenance.PriceTables.append;
import static io.azof.spark.maintenance.PriceTables.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.VersionSelector;
import io.azof.core.exceptions.LegacyTableException;
import io.azof.core.testing.TestTables;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AzofTable.upgrade()}: a format version 2 table moves to format version 3 in one commit; anything else is left alone. */
class AzofTableUpgradeTest {
    @TempDir
    Path dir;

    private static int formatVersion(String table, long version) {
        return TestTables.localTable(Path.of(table)).head(VersionSelector.version(version)).table().formatVersion();
    }

    private static List<List<Object>> read(String table, String... options) {
        var reader = azof();
        for (int i = 0; i < options.length; i += 2) {
            reader = reader.option(options[i], options[i + 1]);
        }
        return rows(reader.load(table).orderBy("key").select("key", "price"));
    }

    @Test
    void upgradesAFormatVersion2TableInOneCommitThatReadsAsTheVersionBefore() {
        String table = dir.resolve("prices").toString();
        append(table, Map.of("formatVersion", "2"), price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        append(table, Map.of(), price("A", "2024-03-10", 3));
        assertThat(formatVersion(table, 2)).isEqualTo(2);
        List<List<Object>> before = read(table);

        List<List<Object>> upgraded = rows(AzofTable.forPath(SharedSpark.session(), table).upgrade());

        assertThat(upgraded).containsExactly(row(3L, true, 3));
        assertThat(formatVersion(table, 3)).isEqualTo(3);
        assertThat(formatVersion(table, 2)).as("earlier versions stay as they were").isEqualTo(2);
        assertThat(read(table)).isEqualTo(before).containsExactly(row("A", 3L), row("B", 2L));
        assertThat(read(table, "versionAsOf", "2")).isEqualTo(before);
        assertThat(rows(AzofTable.forPath(SharedSpark.session(), table).history().select("version", "operation", "rows_added")))
                .first().isEqualTo(row(3L, "upgrade", 0L));
        assertThat(rows(AzofTable.forPath(SharedSpark.session(), table).detail().select("format_version", "version")))
                .containsExactly(row(3, 3L));
        assertThat(Files.exists(dir.resolve("prices").resolve("metadata"))).isTrue();

        append(table, Map.of(), price("C", "2024-04-10", 4));
        assertThat(formatVersion(table, 4)).as("writes after the upgrade stay at 3").isEqualTo(3);
        assertThat(read(table)).containsExactly(row("A", 3L), row("B", 2L), row("C", 4L));
    }

    @Test
    void aFormatVersion3TableIsLeftAsItIs() {
        String table = dir.resolve("prices").toString();
        append(table, Map.of(), price("A", "2024-01-10", 1));

        List<List<Object>> result = rows(AzofTable.forPath(SharedSpark.session(), table).upgrade());

        assertThat(result).containsExactly(row(1L, false, 3));
        assertThat(TestTables.localTable(Path.of(table)).latestVersion()).isEqualTo(1);
    }

    @Test
    void anAzof021TableIsRefusedNamingTheUpgradeToANewTable() {
        String table = TestSupport.referenceTable("table0");

        assertThatThrownBy(() -> AzofTable.forPath(SharedSpark.session(), table).upgrade())
                .isInstanceOf(LegacyTableException.class)
                .hasMessageContaining("was written by azof 0.2.1");
    }
}
