package io.azof.spark.sql;

import static io.azof.spark.SensorTables.COVERAGE_V1;
import static io.azof.spark.SensorTables.COVERAGE_V2;
import static io.azof.spark.SensorTables.GAPS_V1;
import static io.azof.spark.SensorTables.GAPS_V2;
import static io.azof.spark.SensorTables.TABLE_COVERAGE_V1;
import static io.azof.spark.SensorTables.TABLE_COVERAGE_V2;
import static io.azof.spark.SensorTables.TABLE_GAPS_V1;
import static io.azof.spark.SensorTables.hour;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.spark.AzofCatalog;
import io.azof.spark.AzofTable;
import io.azof.spark.SensorTables;
import io.azof.spark.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azof_coverage}, {@code azof_gaps}, {@code azof_table_coverage} and {@code azof_table_gaps} in SQL on the table of
 * {@link SensorTables} (answers worked out by hand there), written once into the warehouse of an azof catalog so that it is
 * reached both by its path and by its name {@code cov_lake.db.sensors}.
 */
class CoverageTableFunctionTest {
    private static final String CATALOG = "cov_lake";
    private static final String NAME = CATALOG + ".db.sensors";
    private static final String RANGE = "'2024-03-01', '2024-03-01T06:00:00Z'";

    @TempDir
    static Path warehouse;
    private static String path;
    private static String plainPath;
    private static SparkSession spark;

    @BeforeAll
    static void writeTables() {
        spark = SharedSpark.session();
        spark.conf().set("spark.sql.catalog." + CATALOG, AzofCatalog.class.getName());
        spark.conf().set("spark.sql.catalog." + CATALOG + ".warehouse", warehouse.toString());
        Path sensors = warehouse.resolve("db").resolve("sensors");
        SensorTables.writeTwoVersions(sensors);
        path = sensors.toString();
        Path plain = warehouse.resolve("db").resolve("plain");
        SensorTables.append(plain, Map.of("keyColumns", "site,sensor", "eventTimeColumn", "at"),
                SensorTables.reading("north", 1, "2024-03-01T00:10:00Z"));
        plainPath = plain.toString();
    }

    private static List<List<Object>> call(String function, String table, String arguments) {
        return rows(spark.sql("SELECT * FROM " + function + "('" + table + "', " + arguments + ")"));
    }

    @Test
    void eachFunctionAnswersAsOfTheLatestVersion() {
        assertThat(call("azof_coverage", path, RANGE)).containsExactlyElementsOf(COVERAGE_V2);
        assertThat(call("azof_gaps", path, RANGE)).containsExactlyElementsOf(GAPS_V2);
        assertThat(call("azof_table_coverage", path, RANGE)).containsExactlyElementsOf(TABLE_COVERAGE_V2);
        assertThat(call("azof_table_gaps", path, RANGE)).isEmpty();
        assertThat(call("azof_coverage", path, RANGE + ", NULL")).containsExactlyElementsOf(COVERAGE_V2);
    }

    @Test
    void aFourthArgumentAnswersAsOfThatVersionAndTablesAreFoundByName() {
        assertThat(call("azof_coverage", NAME, RANGE + ", 1")).containsExactlyElementsOf(COVERAGE_V1);
        assertThat(call("azof_gaps", NAME, RANGE + ", 1")).containsExactlyElementsOf(GAPS_V1);
        assertThat(call("azof_table_coverage", NAME, RANGE + ", 1L")).containsExactlyElementsOf(TABLE_COVERAGE_V1);
        assertThat(call("azof_table_gaps", NAME, RANGE + ", 1")).containsExactlyElementsOf(TABLE_GAPS_V1);
    }

    @Test
    void theRowsAreThoseOfAzofTable() {
        AzofTable table = AzofTable.forPath(spark, path);
        assertThat(spark.sql("SELECT * FROM azof_gaps('" + path + "', " + RANGE + ", 1)").schema())
                .isEqualTo(table.gaps(SensorTables.FROM, SensorTables.TO, 1).schema())
                .isEqualTo(new StructType()
                        .add("site", DataTypes.StringType, false)
                        .add("sensor", DataTypes.IntegerType, false)
                        .add("gap_start", DataTypes.TimestampType, false)
                        .add("gap_end", DataTypes.TimestampType, false)
                        .add("slots", DataTypes.LongType, false));
        assertThat(spark.sql("SELECT * FROM azof_table_coverage('" + path + "', " + RANGE + ")").schema())
                .isEqualTo(table.tableCoverage(SensorTables.FROM, SensorTables.TO).schema());
    }

    @Test
    void timesMayBeDatesAndTimestampsAndTheCallsComposeWithSql() {
        assertThat(call("azof_table_gaps", path, "DATE '2024-03-01', TIMESTAMP '2024-03-01 06:00:00', 1"))
                .containsExactlyElementsOf(TABLE_GAPS_V1);
        // The keys that missed three hours or more in a row, and when the longest such gap began.
        assertThat(rows(spark.sql("SELECT site, sensor, min(gap_start) FROM azof_gaps('" + NAME + "', " + RANGE + ") WHERE slots >= 3"
                + " GROUP BY site, sensor ORDER BY site, sensor")))
                .containsExactly(row("south", 1, hour(1)), row("west", 3, hour(0)));
    }

    @Test
    void describeFunctionShowsHowToCallEach() {
        for (String function : List.of("azof_coverage", "azof_gaps", "azof_table_coverage", "azof_table_gaps")) {
            String text = String.join("\n", spark.sql("DESCRIBE FUNCTION EXTENDED " + function).collectAsList().stream()
                    .map(line -> line.getString(0)).toList());
            assertThat(text).as(function).contains("Usage: " + function + "(table, from, to [, version]) - ")
                    .contains("coverageGranularity", "no data file is read", "* version - optional",
                            "SELECT * FROM " + function + "('/data/sensors', '2024-01-01', '2024-01-02')");
        }
        assertThat(String.join("\n", spark.sql("DESCRIBE FUNCTION azof_gaps").collectAsList().stream().map(l -> l.getString(0)).toList()))
                .contains("one row per gap with the key columns, gap_start, gap_end");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCallFails(String function, String arguments) {
        return assertThatThrownBy(() -> spark.sql("SELECT * FROM " + function + "(" + arguments + ")").collect())
                .isInstanceOf(FunctionArgumentException.class);
    }

    @Test
    void wrongArgumentsAreRefusedNamingTheArgumentAndValue() {
        assertCallFails("azof_gaps", "'" + path + "', '2024-03-01'")
                .hasMessageContaining("azof_gaps takes 3 or 4 arguments, azof_gaps('<table>', '<from>', '<to>' [, <version>]),"
                        + " but got 2: azof_gaps('" + path + "', '2024-03-01')");
        assertCallFails("azof_coverage", "'" + path + "', 'yesterday', '2024-03-02'")
                .hasMessageContaining("azof_coverage argument 2 (from 'yesterday'): Invalid value for option 'from': 'yesterday' is not a"
                        + " time azof understands");
        assertCallFails("azof_table_gaps", "'" + path + "', '2024-03-01', NULL")
                .hasMessageContaining("azof_table_gaps argument 3 (to) must be a time string such as '2024-01-17', a DATE or a"
                        + " TIMESTAMP; got NULL");
        assertCallFails("azof_table_coverage", "'" + path + "', '2024-03-01', 5")
                .hasMessageContaining("azof_table_coverage argument 3 (to) must be a time string").hasMessageContaining("got 5 of type INT");
        assertCallFails("azof_coverage", "'" + path + "', " + RANGE + ", 'latest'")
                .hasMessageContaining("azof_coverage argument 4 (version) must be an integer snapshot version such as 3, or NULL for the"
                        + " latest; got 'latest' of type STRING");
        assertCallFails("azof_coverage", "'" + path + "', " + RANGE + ", 0")
                .hasMessageContaining("azof_coverage argument 4 (version 0): Invalid value for option 'versionAsOf': '0'");
        assertCallFails("azof_gaps", "'" + path + "', '2024-03-01', until => '2024-03-02'")
                .hasMessageContaining("azof_gaps argument 3 (to): azof_gaps takes its arguments by position");
    }

    @Test
    void anEmptyRangeIsRefusedNamingBothEnds() {
        assertCallFails("azof_gaps", "'" + path + "', '2024-03-01T06:00:00Z', '2024-03-01'")
                .hasMessageContaining("azof_gaps argument 2 (from '2024-03-01T06:00:00Z') is not before argument 3 (to '2024-03-01'):"
                        + " The coverage range [2024-03-01T06:00:00Z, 2024-03-01T00:00:00Z) is empty")
                .hasCauseInstanceOf(InvalidOptionException.class);
    }

    @Test
    void tablesAndVersionsWithoutCoverageAreRefusedWithTheReason() {
        assertCallFails("azof_coverage", "'" + path + "', " + RANGE + ", 3")
                .hasMessageContaining("azof_coverage argument 4 (version 3): Version 3 does not exist")
                .hasMessageContaining("available versions: 1 to 2")
                .hasCauseInstanceOf(VersionNotFoundException.class);
        assertCallFails("azof_table_coverage", "'" + CATALOG + ".db.plain', " + RANGE)
                .hasMessageContaining("azof_table_coverage argument 1 (table '" + CATALOG + ".db.plain'): Table ")
                .hasMessageContaining(plainPath)
                .hasMessageContaining("records no coverage at version 1; set its property 'coverageGranularity'");
        Path missing = warehouse.resolve("nowhere");
        assertCallFails("azof_table_gaps", "'" + missing + "', " + RANGE)
                .hasMessageContaining("azof_table_gaps argument 1 (table '" + missing + "'): ")
                .hasCauseInstanceOf(TableNotFoundException.class);
        assertCallFails("azof_gaps", "'" + CATALOG + ".db.nope', " + RANGE)
                .hasMessageContaining("azof_gaps argument 1 (table '" + CATALOG + ".db.nope'): there is no table " + CATALOG + ".db.nope");
    }
}
