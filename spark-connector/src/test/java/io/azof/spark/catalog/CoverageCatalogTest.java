package io.azof.spark.catalog;

import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.OverlapException;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage through the catalog: {@code CREATE TABLE ... TBLPROPERTIES} sets {@code coverageGranularity} and
 * {@code overlapPolicy}, {@code INSERT INTO} obeys the policy, and {@code ALTER TABLE ... SET / UNSET TBLPROPERTIES} records
 * coverage of the data already there or stops recording it. Coverage is read back with {@code azof_table_coverage}.
 */
class CoverageCatalogTest {
    private static final String CATALOG = "coverage_lake";
    private static final String DB = CATALOG + ".db";

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void catalog() {
        registerCatalog(CATALOG, warehouse);
        sql("CREATE NAMESPACE " + DB);
    }

    private static void createSensors(String table, String properties) {
        sql("CREATE TABLE " + DB + "." + table + " (sensor STRING, at TIMESTAMP, reading DOUBLE) USING azof TBLPROPERTIES ("
                + "'keyColumns' = 'sensor', 'eventTimeColumn' = 'at'" + properties + ")");
    }

    private static Dataset<Row> insert(String table, String values) {
        return sql("INSERT INTO " + DB + "." + table + " VALUES " + values);
    }

    private static long latestVersion(String table) {
        return (Long) rows("SELECT max(version) FROM " + DB + "." + table + ".snapshots").get(0).get(0);
    }

    private static Map<String, String> properties(String table) {
        Map<String, String> properties = new HashMap<>();
        rows("SHOW TBLPROPERTIES " + DB + "." + table).forEach(r -> properties.put((String) r.get(0), (String) r.get(1)));
        return properties;
    }

    /** Covered and total slots of March 1st to 3rd over the table, as of the version ({@code NULL}: the latest). */
    private static List<List<Object>> marchCoverage(String table, String version) {
        return rows("SELECT covered_slots, total_slots FROM azof_table_coverage('" + DB + "." + table
                + "', '2024-03-01', '2024-03-03', " + version + ")");
    }

    /** The metrics of the nodes that ran an {@code INSERT}, by name. */
    private static Map<String, Long> writeMetrics(Dataset<Row> insert) {
        Map<String, Long> metrics = new HashMap<>();
        TestSupport.planNodes(insert).forEach(node -> metrics.putAll(TestSupport.metrics(node)));
        return metrics;
    }

    @Test
    void createTableTakesTheCoveragePropertiesAndInsertsObeyThePolicy() {
        createSensors("hourly", ", 'coverageGranularity' = '1h', 'overlapPolicy' = 'error'");
        assertThat(properties("hourly")).containsEntry("coverageGranularity", "1h").containsEntry("overlapPolicy", "error");
        insert("hourly", "('s1', TIMESTAMP '2024-03-01 00:10:00', 1.0), ('s1', TIMESTAMP '2024-03-01 02:00:00', 2.0)");

        // s1 has data in the hour from 00:00 already (version 2, the first INSERT after the empty CREATE).
        assertThatThrownBy(() -> insert("hourly", "('s2', TIMESTAMP '2024-03-01 00:00:00', 6.0), ('s1', TIMESTAMP '2024-03-01 00:50:00', 3.0)"))
                .isInstanceOf(OverlapException.class)
                .hasMessageContaining("key (sensor=s1) has 1 row in slot [2024-03-01T00:00:00Z, 2024-03-01T01:00:00Z), which version 2"
                        + " covers already (overlap policy 'error'). Nothing was committed");
        assertThat(latestVersion("hourly")).isEqualTo(2);

        sql("ALTER TABLE " + DB + ".hourly SET TBLPROPERTIES ('overlapPolicy' = 'skip')");
        Dataset<Row> skipping = insert("hourly", "('s1', TIMESTAMP '2024-03-01 00:20:00', 4.0), ('s1', TIMESTAMP '2024-03-01 01:30:00', 5.0),"
                + " ('s2', TIMESTAMP '2024-03-01 00:00:00', 6.0)");

        assertThat(latestVersion("hourly")).isEqualTo(4);
        // The correction at 00:20 was dropped; 01:30 and s2 went in.
        assertThat(rows("SELECT sensor, reading FROM " + DB + ".hourly TIMESTAMP AS OF '2024-03-01 01:00:00' ORDER BY sensor"))
                .containsExactly(row("s1", 1.0), row("s2", 6.0));
        assertThat(rows("SELECT * FROM azof_coverage('" + DB + ".hourly', '2024-03-01', '2024-03-01 03:00:00')"))
                .containsExactly(row("s1", 3L, 3L, 1.0, 0L), row("s2", 1L, 3L, 1.0 / 3, 2L));
        // Spark 4.1 shows a V1 write's driver metrics; Spark 3.5 shows none for it.
        if (spark().version().startsWith("3.")) {
            assertThat(writeMetrics(skipping)).doesNotContainKey("rowsDropped");
        } else {
            assertThat(writeMetrics(skipping)).containsEntry("rowsDropped", 1L);
        }
    }

    @Test
    void settingTheGranularityRecordsTheCoverageOfTheDataThereAndUnsettingItStopsRecording() {
        createSensors("daily", "");
        insert("daily", "('s1', TIMESTAMP '2024-03-01 00:10:00', 1.0), ('s1', TIMESTAMP '2024-03-01 03:00:00', 2.0)");
        assertThatThrownBy(() -> marchCoverage("daily", "NULL")).hasMessageContaining("records no coverage at version 2");

        sql("ALTER TABLE " + DB + ".daily SET TBLPROPERTIES ('coverageGranularity' = '1d')");

        assertThat(rows("SELECT version, operation FROM " + DB + ".daily.snapshots WHERE version = 3")).containsExactly(row(3L, "alter"));
        assertThat(properties("daily")).containsEntry("coverageGranularity", "1d");
        assertThat(marchCoverage("daily", "NULL")).containsExactly(row(1L, 2L));
        assertThat(rows("SELECT sensor, at, reading FROM " + DB + ".daily"))
                .containsExactly(row("s1", Instant.parse("2024-03-01T03:00:00Z"), 2.0));

        sql("ALTER TABLE " + DB + ".daily UNSET TBLPROPERTIES ('coverageGranularity')");

        assertThat(properties("daily")).doesNotContainKey("coverageGranularity");
        assertThatThrownBy(() -> marchCoverage("daily", "NULL")).hasMessageContaining("records no coverage at version 4");
        assertThat(marchCoverage("daily", "3")).containsExactly(row(1L, 2L));
    }

    @Test
    void badCoveragePropertiesAreRefusedNamingThemAndChangeNothing() {
        assertThatThrownBy(() -> createSensors("refused", ", 'coverageGranularity' = 'hourly'"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("'coverageGranularity' is 'hourly'");
        assertThat(rows("SHOW TABLES IN " + DB)).noneMatch(r -> r.contains("refused"));

        createSensors("plain", "");
        assertThatThrownBy(() -> sql("ALTER TABLE " + DB + ".plain SET TBLPROPERTIES ('overlapPolicy' = 'sometimes')"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("'overlapPolicy' is 'sometimes'");
        assertThatThrownBy(() -> sql("ALTER TABLE " + DB + ".plain SET TBLPROPERTIES ('overlapPolicy' = 'error')"))
                .isInstanceOf(AzofException.class).hasMessageContaining("records no coverage")
                .hasMessageContaining("'coverageGranularity'");
        assertThat(latestVersion("plain")).isEqualTo(1);
    }
}
