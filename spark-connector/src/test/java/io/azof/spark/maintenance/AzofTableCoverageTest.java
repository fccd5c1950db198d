package io.azof.spark.maintenance;

import static io.azof.spark.SensorTables.COVERAGE_V1;
import static io.azof.spark.SensorTables.COVERAGE_V2;
import static io.azof.spark.SensorTables.FROM;
import static io.azof.spark.SensorTables.GAPS_V1;
import static io.azof.spark.SensorTables.GAPS_V2;
import static io.azof.spark.SensorTables.TABLE_COVERAGE_V1;
import static io.azof.spark.SensorTables.TABLE_COVERAGE_V2;
import static io.azof.spark.SensorTables.TABLE_GAPS_V1;
import static io.azof.spark.SensorTables.TO;
import static io.azof.spark.SensorTables.hour;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.testing.TestTables;
import io.azof.spark.AzofTable;
import io.azof.spark.SensorTables;
import io.azof.spark.SharedSpark;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AzofTable.coverage}, {@code gaps}, {@code tableCoverage} and {@code tableGaps} on the table of {@link SensorTables},
 * whose answers are worked out by hand there; written once, only read here.
 */
class AzofTableCoverageTest {
    @TempDir
    static Path table;
    @TempDir
    Path plainTable;

    private static SparkSession spark;
    private static AzofTable sensors;

    @BeforeAll
    static void writeTwoVersions() {
        spark = SharedSpark.session();
        SensorTables.writeTwoVersions(table);
        sensors = AzofTable.forPath(spark, table.toString());
    }

    @Test
    void coverageHasOneRowPerKeyWithItsKeyColumns() {
        assertThat(rows(sensors.coverage(FROM, TO))).containsExactlyElementsOf(COVERAGE_V2);
        assertThat(sensors.coverage(FROM, TO).schema()).isEqualTo(new StructType()
                .add("site", DataTypes.StringType, false)
                .add("sensor", DataTypes.IntegerType, false)
                .add("covered_slots", DataTypes.LongType, false)
                .add("total_slots", DataTypes.LongType, false)
                .add("ratio", DataTypes.DoubleType, false)
                .add("max_gap_slots", DataTypes.LongType, false));
    }

    @Test
    void gapsHaveOneRowPerGapOfEachKey() {
        assertThat(rows(sensors.gaps(FROM, TO))).containsExactlyElementsOf(GAPS_V2);
        assertThat(sensors.gaps(FROM, TO).columns()).containsExactly("site", "sensor", "gap_start", "gap_end", "slots");
    }

    @Test
    void tableCoverageAndGapsAreOverTheUnionOfTheKeys() {
        assertThat(rows(sensors.tableCoverage(FROM, TO))).containsExactlyElementsOf(TABLE_COVERAGE_V2);
        assertThat(sensors.tableCoverage(FROM, TO).columns()).containsExactly("covered_slots", "total_slots", "ratio", "max_gap_slots");
        assertThat(rows(sensors.tableGaps(FROM, TO))).isEmpty();
        assertThat(sensors.tableGaps(FROM, TO).columns()).containsExactly("gap_start", "gap_end", "slots");
    }

    @Test
    void aVersionAnswersForTheTableAsItWasThen() {
        assertThat(rows(sensors.coverage(FROM, TO, 1))).containsExactlyElementsOf(COVERAGE_V1);
        assertThat(rows(sensors.gaps(FROM, TO, 1))).containsExactlyElementsOf(GAPS_V1);
        assertThat(rows(sensors.tableCoverage(FROM, TO, 1))).containsExactlyElementsOf(TABLE_COVERAGE_V1);
        assertThat(rows(sensors.tableGaps(FROM, TO, 1))).containsExactlyElementsOf(TABLE_GAPS_V1);
        assertThat(rows(sensors.coverage(FROM, TO, 2))).containsExactlyElementsOf(COVERAGE_V2);
    }

    @Test
    void rangesWidenToWholeSlotsAndLocalTimesAreInTheSessionTimeZone() {
        // 00:30 to 05:30 touches the same six hours.
        assertThat(rows(sensors.tableCoverage("2024-03-01 00:30:00", "2024-03-01T05:30:00Z"))).containsExactlyElementsOf(TABLE_COVERAGE_V2);
        // Hour 3, alone: only version 1 has a gap there.
        assertThat(rows(sensors.tableGaps("2024-03-01T03:00:00Z", "2024-03-01T03:00:01Z", 1))).containsExactly(row(hour(3), hour(4), 1L));
        String zone = spark.conf().get("spark.sql.session.timeZone");
        try {
            // 01:00 in Paris is 00:00 UTC: hours 0 and 1.
            spark.conf().set("spark.sql.session.timeZone", "Europe/Paris");
            assertThat(rows(sensors.coverage("2024-03-01T01:00:00", "2024-03-01T03:00:00").select("covered_slots", "total_slots")))
                    .containsExactly(row(2L, 2L), row(0L, 2L), row(1L, 2L), row(0L, 2L));
        } finally {
            spark.conf().set("spark.sql.session.timeZone", zone);
        }
    }

    @Test
    void badTimesAndEmptyRangesAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> sensors.coverage("yesterday", TO)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'from': 'yesterday' is not a time azof understands");
        assertThatThrownBy(() -> sensors.tableGaps(FROM, "2024-13-01")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'to': '2024-13-01' is not a time azof understands");
        assertThatThrownBy(() -> sensors.gaps(TO, FROM)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("The coverage range [2024-03-01T06:00:00Z, 2024-03-01T00:00:00Z) is empty; 'from' must be before 'to'");
        assertThatThrownBy(() -> sensors.tableCoverage(FROM, FROM)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void versionsThatDoNotExistAreRefusedNamingTheOnesThatDo() {
        assertThatThrownBy(() -> sensors.coverage(FROM, TO, 3)).isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("Version 3 does not exist").hasMessageContaining("available versions: 1 to 2");
    }

    @Test
    void aTableRecordsCoverageFromWhenItsGranularityIsSetAndExpiredVersionsAreRefused() {
        SensorTables.append(plainTable, Map.of("keyColumns", "site,sensor", "eventTimeColumn", "at"),
                SensorTables.reading("north", 1, "2024-03-01T00:10:00Z"), SensorTables.reading("north", 1, "2024-03-01T04:00:00Z"));
        AzofTable plain = AzofTable.forPath(spark, plainTable.toString());
        assertThatThrownBy(() -> plain.coverage(FROM, TO)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("records no coverage at version 1; set its property 'coverageGranularity'");

        // Setting the property records the coverage of the data already there, as version 2.
        TestTables.localTable(plainTable).updateProperties().set("coverageGranularity", "1h").commit();
        assertThat(rows(plain.gaps(FROM, TO))).containsExactly(row("north", 1, hour(1), hour(4), 3L), row("north", 1, hour(5), hour(6), 1L));
        assertThatThrownBy(() -> plain.tableCoverage(FROM, TO, 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("records no coverage at version 1");

        plain.expireVersions(1);
        assertThatThrownBy(() -> plain.tableGaps(FROM, TO, 1)).isInstanceOf(VersionExpiredException.class)
                .hasMessageContaining("2");
    }
}
