package io.azof.spark.catalog;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.appendWithDataFrame;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static io.azof.spark.catalog.CatalogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.AzofException;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.spark.AzofTable;
import io.azof.spark.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <table>.snapshots}, {@code .segments} and {@code .files} of a table with a known history (one bucket, monthly
 * segments, so every file's place follows from the rows):
 * <ol>
 *   <li>CREATE TABLE: no rows;</li>
 *   <li>A on Jan 10 (1), B on Jan 20 (2), A on Feb 10 (3): one delta in 2024-01 (A, B), one in 2024-02 (A);</li>
 *   <li>a late row, B on Jan 5 (4): a second delta in 2024-01;</li>
 *   <li>A deleted as of Feb 20: a delta of one delete in 2024-02;</li>
 *   <li>compaction with minFilesToMerge 2: a read at February 1st would merge the two 2024-01 deltas, so one base in
 *       2024-02 holds each key's winner just before February: A (Jan 10) and B (Jan 20, the late Jan 5 row being older).</li>
 * </ol>
 */
class MetadataTablesTest {
    private static final String CATALOG = "metadata_lake";
    private static final String PRICES = CATALOG + ".db.prices";

    @TempDir
    static Path warehouse;
    static Path table;

    @BeforeAll
    static void writeFiveVersions() {
        registerCatalog(CATALOG, warehouse);
        table = warehouse.resolve("db").resolve("prices");
        sql("CREATE NAMESPACE " + CATALOG + ".db");
        sql("CREATE TABLE " + PRICES + " (key STRING, event_time TIMESTAMP, price BIGINT) TBLPROPERTIES ('buckets' = '1')");
        sql("INSERT INTO " + PRICES + " VALUES ('A', TIMESTAMP '2024-01-10 00:00:00', 1), ('B', TIMESTAMP '2024-01-20 00:00:00', 2),"
                + " ('A', TIMESTAMP '2024-02-10 00:00:00', 3)");
        sql("INSERT INTO " + PRICES + " VALUES ('B', TIMESTAMP '2024-01-05 00:00:00', 4)");
        StructType withDeletes = new StructType().add("key", DataTypes.StringType).add("event_time", DataTypes.TimestampType)
                .add("price", DataTypes.LongType).add("deleted", DataTypes.BooleanType);
        appendWithDataFrame(table, withDeletes, "deleted", values("A", instant("2024-02-20T00:00:00Z"), null, true));
        AzofTable.forPath(spark(), table.toString()).compact(CompactionPolicy.defaults().withMinFilesToMerge(2));
    }

    @Test
    void snapshotsListsEveryVersionNewestFirstAsHistoryDoes() {
        assertThat(rows("SELECT version, operation, rows_added, files_added, rows_removed, files_removed, expired, write_id"
                + " FROM " + PRICES + ".snapshots")).containsExactly(
                row(5L, "compact", 2L, 1L, 0L, 0L, false, null),
                row(4L, "append", 1L, 1L, 0L, 0L, false, null),
                row(3L, "append", 1L, 1L, 0L, 0L, false, null),
                row(2L, "append", 3L, 2L, 0L, 0L, false, null),
                row(1L, "create", 0L, 0L, 0L, 0L, false, null));
        assertThat(rows("SELECT * FROM " + PRICES + ".snapshots"))
                .isEqualTo(TestSupport.rows(AzofTable.forPath(spark(), table.toString()).history()));
    }

    @Test
    void segmentsShowsTheEventTimeTreeWithFileCountsAndRows() {
        assertThat(rows("SELECT segment_id, parent_id, start, end, delta_files, base_files, rows FROM " + PRICES + ".segments"))
                .containsExactly(
                        row("2024-01", null, instant("2024-01-01T00:00:00Z"), instant("2024-01-31T23:59:59.999999Z"), 2, 0, 3L),
                        row("2024-02", null, instant("2024-02-01T00:00:00Z"), instant("2024-02-29T23:59:59.999999Z"), 2, 1, 4L));
    }

    @Test
    void filesShowsEachDataFileWithItsStatistics() throws IOException {
        List<List<Object>> files = rows("SELECT role, segment_id, bucket, rows, min_key, max_key, min_event_time, max_event_time,"
                + " deletes, added_version, covers_version FROM " + PRICES + ".files");
        assertThat(files).containsExactlyInAnyOrder(
                row("delta", "2024-01", 0, 2L, "A", "B", instant("2024-01-10T00:00:00Z"), instant("2024-01-20T00:00:00Z"), 0L, 2L, null),
                row("delta", "2024-01", 0, 1L, "B", "B", instant("2024-01-05T00:00:00Z"), instant("2024-01-05T00:00:00Z"), 0L, 3L, null),
                row("delta", "2024-02", 0, 1L, "A", "A", instant("2024-02-10T00:00:00Z"), instant("2024-02-10T00:00:00Z"), 0L, 2L, null),
                row("delta", "2024-02", 0, 1L, "A", "A", instant("2024-02-20T00:00:00Z"), instant("2024-02-20T00:00:00Z"), 1L, 4L, null),
                row("base", "2024-02", 0, 2L, "A", "B", instant("2024-01-10T00:00:00Z"), instant("2024-01-20T00:00:00Z"), 0L, 5L, 4L));
        // Paths are relative to the table directory, and bytes are the files' sizes.
        for (Row file : sql("SELECT path, bytes FROM " + PRICES + ".files").collectAsList()) {
            assertThat(Files.size(table.resolve(file.getString(0)))).as(file.getString(0)).isEqualTo(file.getLong(1));
        }
    }

    @Test
    void versionAsOfShowsTheSegmentsAndFilesOfThatVersion() {
        assertThat(rows("SELECT segment_id, delta_files, base_files, rows FROM " + PRICES + ".segments VERSION AS OF 2"))
                .containsExactly(row("2024-01", 1, 0, 2L), row("2024-02", 1, 0, 1L));
        assertThat(rows("SELECT segment_id, added_version FROM " + PRICES + ".files VERSION AS OF 3"))
                .containsExactlyInAnyOrder(row("2024-01", 2L), row("2024-01", 3L), row("2024-02", 2L));
        assertThat(rows("SELECT * FROM " + PRICES + ".files VERSION AS OF 1")).isEmpty();
    }

    @Test
    void timeTravelThatDoesNotApplyToAMetadataTableIsRefused() {
        assertThatThrownBy(() -> sql("SELECT * FROM " + PRICES + ".files TIMESTAMP AS OF '2024-01-01'"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("TIMESTAMP AS OF does not apply to " + PRICES + ".files")
                .hasMessageContaining("use VERSION AS OF");
        assertThatThrownBy(() -> sql("SELECT * FROM " + PRICES + ".snapshots VERSION AS OF 2"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("VERSION AS OF does not apply to " + PRICES + ".snapshots");
    }

    /** The nested segments of an azof 0.2.1 table (s1.json of the reference table financials), which record no statistics. */
    @Test
    void segmentsAndFilesOfAnAzof021TableShowItsTreeWithoutStatistics() {
        String financials = CATALOG + ".`" + TestSupport.referenceTable("financials") + "`";
        assertThat(rows("SELECT segment_id, parent_id, end, delta_files, base_files, rows FROM " + financials
                + ".segments WHERE segment_id LIKE 'year_2000%'")).containsExactly(
                row("year_2000", null, instant("2000-12-31T23:59:59.999Z"), 0, 1, null),
                row("year_2000_q1", "year_2000", instant("2000-03-31T23:59:59.999Z"), 1, 0, null),
                row("year_2000_q2", "year_2000", instant("2000-06-30T23:59:59.999Z"), 1, 1, null),
                row("year_2000_q3", "year_2000", instant("2000-09-30T23:59:59.999Z"), 1, 1, null),
                row("year_2000_q4", "year_2000", instant("2000-12-31T23:59:59.999Z"), 1, 1, null));
        assertThat(rows("SELECT path, role, bucket, rows, min_key, added_version FROM " + financials
                + ".files WHERE segment_id = 'year_2000_q2'")).containsExactlyInAnyOrder(
                row("year_2000_q2_base.parquet", "base", null, null, null, null),
                row("year_2000_q2_delta.parquet", "delta", null, null, null, null));
        assertThatThrownBy(() -> sql("SELECT * FROM " + financials + ".snapshots"))
                .isInstanceOf(AzofException.class)
                .hasMessageContaining("written by azof 0.2.1");
    }
}
