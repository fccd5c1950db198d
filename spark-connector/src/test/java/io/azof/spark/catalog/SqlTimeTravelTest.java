package io.azof.spark.catalog;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.micros;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.appendWithDataFrame;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static io.azof.spark.catalog.CatalogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TIMESTAMP AS OF} is event time, {@code VERSION AS OF} a snapshot version, on a table of four versions:
 * <ol>
 *   <li>created empty;</li>
 *   <li>ACME 10 on January 1st, ACME 12 on February 1st, INIT 5 on January 5th;</li>
 *   <li>a late row: ACME 11 on January 15th, written after February's;</li>
 *   <li>INIT deleted as of March 1st.</li>
 * </ol>
 * Expected answers follow from state(T, V) of SPEC section 1: per key, the record with the greatest event time at or
 * before T among those of versions up to V; none when it is a delete.
 */
class SqlTimeTravelTest {
    private static final String CATALOG = "travel_lake";
    private static final String PRICES = CATALOG + ".db.prices";
    private static final List<Object> ACME_JAN_1 = row("ACME", instant("2024-01-01T00:00:00Z"), 10L);
    private static final List<Object> ACME_JAN_15 = row("ACME", instant("2024-01-15T00:00:00Z"), 11L);
    private static final List<Object> ACME_FEB_1 = row("ACME", instant("2024-02-01T00:00:00Z"), 12L);
    private static final List<Object> INIT_JAN_5 = row("INIT", instant("2024-01-05T00:00:00Z"), 5L);

    @TempDir
    static Path warehouse;

    private static boolean spark4() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION().startsWith("4");
    }

    @BeforeAll
    static void writeFourVersions() {
        registerCatalog(CATALOG, warehouse);
        sql("CREATE NAMESPACE " + CATALOG + ".db");
        sql("CREATE TABLE " + PRICES + " (key STRING, event_time TIMESTAMP, price BIGINT) USING azof");
        sql("INSERT INTO " + PRICES + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10),"
                + " ('ACME', TIMESTAMP '2024-02-01 00:00:00', 12), ('INIT', TIMESTAMP '2024-01-05 00:00:00', 5)");
        sql("INSERT INTO " + PRICES + " VALUES ('ACME', TIMESTAMP '2024-01-15 00:00:00', 11)");
        // SQL has no way to write a delete; the DataFrame writer's deleteColumn does, at the table's directory.
        StructType withDeletes = new StructType().add("key", DataTypes.StringType).add("event_time", DataTypes.TimestampType)
                .add("price", DataTypes.LongType).add("deleted", DataTypes.BooleanType);
        appendWithDataFrame(warehouse.resolve("db").resolve("prices"), withDeletes, "deleted",
                values("INIT", instant("2024-03-01T00:00:00Z"), null, true));
    }

    @Test
    void timestampAsOfReadsTheTableAsOfThatEventTime() {
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-01-10'")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        // The late row, written after February's, answers for the second half of January.
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-01-20'")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-02-15'")).containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        // INIT is deleted as of March 1st, that instant included.
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-02-29 23:59:59.999999'"))
                .containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-03-01'")).containsExactly(ACME_FEB_1);
        assertThat(rows("SELECT * FROM " + PRICES)).containsExactly(ACME_FEB_1);
    }

    @Test
    void timestampAsOfIsInclusiveAndEmptyBeforeAllData() {
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-01-15 00:00:00'"))
                .containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2024-01-14 23:59:59.999999'"))
                .containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '2023-12-31'")).isEmpty();
    }

    @Test
    void timestampAsOfAnswersAsTheAsOfOptionDoes() {
        for (String asOf : List.of("2024-01-10", "2024-01-20", "2024-03-01", "2024-01-15T00:00:00Z")) {
            assertThat(rows("SELECT * FROM " + PRICES + " TIMESTAMP AS OF '" + asOf + "'"))
                    .as("as of %s", asOf)
                    .containsExactlyInAnyOrderElementsOf(TestSupport.rows(spark().read().format("azof").option("asOf", asOf)
                            .load(warehouse.resolve("db").resolve("prices").toString())));
        }
    }

    /** A time without zone is read in the session time zone, as Spark reads timestamp strings and as the asOf option does. */
    @Test
    void timestampWithoutZoneIsInTheSessionTimeZone() {
        String zoned = CATALOG + ".db.zoned";
        sql("CREATE TABLE " + zoned + " (key STRING, event_time TIMESTAMP, reading BIGINT)");
        sql("INSERT INTO " + zoned + " VALUES ('K', TIMESTAMP '2024-01-14 00:00:00Z', 0), ('K', TIMESTAMP '2024-01-15 03:00:00Z', 1)");

        assertThat(rows("SELECT reading FROM " + zoned + " TIMESTAMP AS OF '2024-01-15'")).containsExactly(row(0L));
        try {
            // Midnight in New York is 05:00 UTC, after the reading of 03:00 UTC.
            spark().conf().set("spark.sql.session.timeZone", "America/New_York");
            assertThat(rows("SELECT reading FROM " + zoned + " TIMESTAMP AS OF '2024-01-15'")).containsExactly(row(1L));
            assertThat(rows("SELECT reading FROM " + zoned + " TIMESTAMP AS OF '2024-01-15T00:00:00Z'")).containsExactly(row(0L));
        } finally {
            spark().conf().set("spark.sql.session.timeZone", SharedSpark.DEFAULT_TIME_ZONE);
        }
    }

    @Test
    void versionAsOfReadsASnapshotVersion() {
        // Version 1 is the empty table CREATE TABLE made.
        assertThat(rows("SELECT * FROM " + PRICES + " VERSION AS OF 1")).isEmpty();
        assertThat(rows("SELECT * FROM " + PRICES + " VERSION AS OF 2")).containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " VERSION AS OF '3'")).containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " VERSION AS OF 4")).containsExactly(ACME_FEB_1);
    }

    @Test
    void asOfReaderOptionOnACatalogTableReadsAsOfThatEventTime() {
        assertThat(TestSupport.rows(spark().read().option("asOf", "2024-01-20").table(PRICES)))
                .containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
    }

    /**
     * Spark 3.5 applies no time travel from the reader options of {@code spark.read.table}, so the options that would
     * pick a version or a time are refused instead of silently reading the latest version, current. Spark 4 applies
     * versionAsOf and timestampAsOf; systemTimeAsOf is still refused.
     */
    @Test
    void readerOptionsThatSparkWouldNotApplyAreRefused() {
        // Spark 4 applies versionAsOf and timestampAsOf itself (see sparkTimeTravelOptionsOnSpark4ReadAsTheTimeTravelClauses).
        for (String option : spark4() ? List.of("systemTimeAsOf") : List.of("versionAsOf", "systemTimeAsOf", "timestampAsOf")) {
            assertThatThrownBy(() -> spark().read().option(option, "2").table(PRICES).collect())
                    .isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("Option '" + option + "' does not apply to catalog table " + PRICES)
                    .hasMessageContaining("VERSION AS OF")
                    .hasMessageContaining("spark.read.format(\"azof\")");
        }
    }

    /** Spark 4 passes the options of {@code FROM t WITH (...)} to the scan: {@code asOf} reads as of that event time. */
    @Test
    void withAsOfOnSpark4ReadsAsOfThatEventTime() {
        assumeTrue(spark4(), "WITH (options) on a table needs Spark 4");
        assertThat(rows("SELECT * FROM " + PRICES + " WITH ('asOf' = '2024-01-20')")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " WITH ('asOf' = '2024-02-15', 'unrelated' = 'x')"))
                .containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + PRICES + " WITH ('asOf' = '2024-03-01')")).containsExactly(ACME_FEB_1);
        // The same table by its path.
        String byPath = CATALOG + ".azof.`" + warehouse.resolve("db").resolve("prices") + "`";
        assertThat(rows("SELECT * FROM " + byPath + " WITH ('asOf' = '2024-01-10')")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        assertThat(rows("SELECT * FROM " + byPath + " WITH ('asOf' = '2024-01-20')")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
    }

    /**
     * Spark 4 itself resolves the options versionAsOf and timestampAsOf of a catalog table read (WITH or reader options)
     * as VERSION AS OF and TIMESTAMP AS OF, so they read what those clauses read: a snapshot version, an event time.
     */
    @Test
    void sparkTimeTravelOptionsOnSpark4ReadAsTheTimeTravelClauses() {
        assumeTrue(spark4(), "Spark 3.5 does not resolve time travel from options");
        assertThat(rows("SELECT * FROM " + PRICES + " WITH ('versionAsOf' = '2')")).containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        assertThat(TestSupport.rows(spark().read().option("versionAsOf", "4").table(PRICES))).containsExactly(ACME_FEB_1);
        assertThat(rows("SELECT * FROM " + PRICES + " WITH ('timestampAsOf' = '2024-01-20')"))
                .containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
    }

    /** On Spark 4 too, systemTimeAsOf (which Spark does not apply) is refused on a catalog table rather than ignored. */
    @Test
    void withSystemTimeAsOfOnSpark4IsRefused() {
        assumeTrue(spark4(), "WITH (options) on a table needs Spark 4");
        assertThatThrownBy(() -> sql("SELECT * FROM " + PRICES + " WITH ('systemTimeAsOf' = '2024-01-01')").collect())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Option 'systemTimeAsOf' does not apply to catalog table " + PRICES);
    }

    /** timestampAsOf and asOf both give the event time: refused, as TIMESTAMP AS OF with the asOf option is. */
    @Test
    void withAsOfAndTimestampAsOfOnSpark4AreRefused() {
        assumeTrue(spark4(), "WITH (options) on a table needs Spark 4");
        assertThatThrownBy(() -> sql("SELECT * FROM " + PRICES + " WITH ('asOf' = '2024-01-10', 'timestampAsOf' = '2024-01-20')").collect())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'asOf' = '2024-01-10'");
    }

    @Test
    void timestampAsOfWithTheAsOfOptionIsRefused() throws NoSuchTableException {
        TableCatalog catalog = (TableCatalog) spark().sessionState().catalogManager().catalog(CATALOG);
        SupportsRead table = (SupportsRead) catalog.loadTable(Identifier.of(new String[] {"db"}, "prices"), micros("2024-01-20T00:00:00Z"));

        assertThatThrownBy(() -> table.newScanBuilder(new CaseInsensitiveStringMap(Map.of("asOf", "2024-01-10"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("TIMESTAMP AS OF 2024-01-20T00:00:00Z")
                .hasMessageContaining("'asOf' = '2024-01-10'");
    }

    @Test
    void unknownOrMalformedVersionsAreRefusedNamingTheVersionsThatExist() {
        assertThatThrownBy(() -> sql("SELECT * FROM " + PRICES + " VERSION AS OF 9").collect())
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("Version 9 does not exist")
                .hasMessageContaining("available versions: 1 to 4");
        assertThatThrownBy(() -> sql("SELECT * FROM " + PRICES + " VERSION AS OF 'latest'").collect())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'latest'");
    }

    @Test
    void expiredVersionsAreRefusedNamingTheRetainedOnes() {
        String expiring = CATALOG + ".db.expiring";
        sql("CREATE TABLE " + expiring + " (key STRING, event_time TIMESTAMP)");
        sql("INSERT INTO " + expiring + " VALUES ('A', TIMESTAMP '2024-01-01 00:00:00')");
        sql("INSERT INTO " + expiring + " VALUES ('B', TIMESTAMP '2024-01-01 00:00:00')");
        AzofTable.forPath(spark(), warehouse.resolve("db").resolve("expiring").toString()).expireVersions(1);

        assertThatThrownBy(() -> sql("SELECT * FROM " + expiring + " VERSION AS OF 2").collect())
                .isInstanceOf(VersionExpiredException.class)
                .hasMessageContaining("Version 2")
                .hasMessageContaining("the only version is 3");
        assertThat(rows("SELECT key FROM " + expiring + " VERSION AS OF 3")).containsExactlyInAnyOrder(row("A"), row("B"));
    }
}
