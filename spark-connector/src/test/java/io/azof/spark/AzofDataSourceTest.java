package io.azof.spark;

import static io.azof.core.testing.TestTables.localStorage;
import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.micros;
import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.referenceTable;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static io.azof.spark.TestSupport.writeDataFile;
import static io.azof.spark.TestSupport.writeSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzofDataSourceTest {

    // table0 current, from its CSVs: delta1.csv holds every key's latest row (1@02-01 abc2, 2@02-20 xyz2,
    // 3@03-10 www2); base.csv's 1@01-01 abc and 2@01-01 xyz are older.
    private static final List<List<Object>> TABLE0_CURRENT = List.of(
            row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
            row("2", instant("2024-02-20T00:00:00Z"), "xyz2"),
            row("3", instant("2024-03-10T00:00:00Z"), "www2"));

    @Test
    void shortNameLoadsTableFromLoadArgument() {
        assertThat(rows(azof().load(referenceTable("table0")))).containsExactlyInAnyOrderElementsOf(TABLE0_CURRENT);
    }

    @Test
    void shortNameLoadsTableFromPathOption() {
        assertThat(rows(azof().option("path", referenceTable("table0")).load()))
                .containsExactlyInAnyOrderElementsOf(TABLE0_CURRENT);
    }

    @Test
    void missingPathIsReported() {
        assertThatThrownBy(() -> azof().load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
    }

    @Test
    void schemaIsKeyEventTimeThenColumnsWithAzofTypesMappedToSpark() {
        // table2/s1.json: value1 String, value2 Int, is_active Boolean, created DateTime.
        StructType expected = new StructType()
                .add("key", DataTypes.StringType, false)
                .add("event_time", DataTypes.TimestampType, false)
                .add("value1", DataTypes.StringType, true)
                .add("value2", DataTypes.LongType, true)
                .add("is_active", DataTypes.BooleanType, true)
                .add("created", DataTypes.TimestampType, true);
        assertThat(azof().load(referenceTable("table2")).schema()).isEqualTo(expected);
    }

    @Test
    void nullsInAColumnDeclaredNotNullReachQueriesAsNulls(@TempDir Path dir) throws Exception {
        // As azof 0.2.1 does (financials' industry): the file column is optional and holds a null,
        // while s1.json declares the column non-null.
        TableStorage storage = localStorage(dir);
        TableSchema asWritten = new TableSchema(List.of(new Column("value", ColumnType.STRING, true)));
        TableSchema asDeclared = new TableSchema(List.of(new Column("value", ColumnType.STRING, false)));
        writeDataFile(storage, "base.parquet", asWritten, List.of(
                new Object[] {"1", micros("2024-01-01T00:00:00Z"), null},
                new Object[] {"2", micros("2024-01-01T00:00:00Z"), "x"}));
        writeSnapshot(storage, new Snapshot(1, asDeclared, List.of(
                new Segment("10", micros("2024-01-01T00:00:00Z"), null, "base.parquet", List.of(), List.of()))));

        Dataset<Row> table = azof().load(dir.toString());
        assertThat(table.schema().apply("value").nullable()).isTrue();
        assertThat(rows(table.where("value IS NULL").select("key"))).containsExactly(row("1"));
        assertThat(rows(table.where("value = 'x'").select("key"))).containsExactly(row("2"));
    }

    @Test
    void countWithoutColumnsCountsMergedRows() {
        // Three distinct keys in table0's CSVs (1, 2, 3); five rows in all, two of them shadowed.
        assertThat(azof().load(referenceTable("table0")).count()).isEqualTo(3);
    }

    @Test
    void hadoopOptionsOfOneReadReachTheFileSystemOnDriverAndExecutors(@TempDir Path dir) throws Exception {
        copyReferenceTable("table0", dir);
        String uri = CountingFileSystem.uriOf(CountingFileSystem.PerReadScheme.SCHEME, dir);
        String implKey = "fs." + CountingFileSystem.PerReadScheme.SCHEME + ".impl";

        assertThatThrownBy(() -> azof().load(uri)).hasMessageContaining(CountingFileSystem.PerReadScheme.SCHEME);
        assertThat(rows(azof()
                .option(implKey, CountingFileSystem.PerReadScheme.class.getName())
                .option(implKey + ".disable.cache", "true")
                .load(uri)))
                .containsExactlyInAnyOrderElementsOf(TABLE0_CURRENT);
    }

    private static void copyReferenceTable(String name, Path target) throws Exception {
        try (var files = Files.list(Path.of(referenceTable(name)))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
