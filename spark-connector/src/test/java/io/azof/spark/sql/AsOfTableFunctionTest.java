package io.azof.spark.sql;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.isoOfMillis;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.testing.TestTables;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azof_as_of} in SQL on a table of three versions:
 * <ol>
 *   <li>ACME 10 on 01-01 and 12 on 02-01, INIT 5 on 01-05;</li>
 *   <li>a late correction: ACME 11 on 01-15;</li>
 *   <li>INIT deleted on 01-20.</li>
 * </ol>
 * The expected rows are derived from this story by the rule of SPEC section 1: per key, among the records of versions up
 * to V with event time at or before T, the latest; absent if that is a delete. The table is written once; tests read it.
 */
class AsOfTableFunctionTest {
    private static final StructType PRICES = new StructType()
            .add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("price", DataTypes.LongType)
            .add("deleted", DataTypes.BooleanType);

    private static final List<Object> ACME_JAN_1 = row("ACME", instant("2024-01-01T00:00:00Z"), 10L);
    private static final List<Object> ACME_JAN_15 = row("ACME", instant("2024-01-15T00:00:00Z"), 11L);
    private static final List<Object> ACME_FEB_1 = row("ACME", instant("2024-02-01T00:00:00Z"), 12L);
    private static final List<Object> INIT_JAN_5 = row("INIT", instant("2024-01-05T00:00:00Z"), 5L);

    private static final String CATALOG = "tvf_test";
    private static final String NO_TABLES_CATALOG = "tvf_no_tables";

    @TempDir
    static Path table;
    /** committedAt[v]: when version v was committed, in epoch milliseconds. */
    private static final long[] committedAt = new long[4];

    private static SparkSession spark;

    @BeforeAll
    static void writeThreeVersions() throws IOException {
        spark = SharedSpark.session();
        append(values("ACME", "2024-01-01", 10L, false), values("ACME", "2024-02-01", 12L, false), values("INIT", "2024-01-05", 5L, false));
        append(values("ACME", "2024-01-15", 11L, false));
        append(values("INIT", "2024-01-20", null, true));
        for (int v = 1; v <= 3; v++) {
            committedAt[v] = TestTables.localTable(table).snapshot(v).commit().committedAtMillis();
        }
        // Catalogs are looked up by name when first used, so registering one at runtime keeps the one shared session.
        spark.conf().set("spark.sql.catalog." + CATALOG, LocationOnlyCatalog.class.getName());
        spark.conf().set("spark.sql.catalog." + NO_TABLES_CATALOG, LocationOnlyCatalog.NoTables.class.getName());
        LocationOnlyCatalog.register("db", "prices", Map.of("location", table.toUri().toString()));
        LocationOnlyCatalog.register("db", "events_parquet", Map.of("location", table.toString(), "provider", "parquet"));
        LocationOnlyCatalog.register("db", "no_location", Map.of("owner", "someone"));
    }

    private static Object[] values(String key, String day, Long price, boolean deleted) {
        return new Object[] {key, Instant.parse(day + "T00:00:00Z"), price, deleted};
    }

    private static void append(Object[]... values) {
        List<Row> list = new ArrayList<>();
        for (Object[] value : values) {
            list.add(RowFactory.create(value));
        }
        spark.createDataFrame(list, PRICES).write().format("azof").mode("append").option("deleteColumn", "deleted").save(table.toString());
    }

    private static List<List<Object>> sql(String query) {
        return rows(spark.sql(query));
    }

    /** azof_as_of over the test table with the other arguments as written in SQL. */
    private static List<List<Object>> asOf(String arguments) {
        return sql("SELECT key, event_time, price FROM azof_as_of('" + table + "', " + arguments + ")");
    }

    /** A SQL string literal of the instant, e.g. {@code '2024-03-01T10:00:00Z'}. */
    private static String at(long epochMillis) {
        return "'" + isoOfMillis(epochMillis) + "'";
    }

    @Test
    void anIntegerThirdArgumentReadsThatVersionAsOfTheEventTime() {
        assertThat(asOf("'2024-01-20', 1")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        // Version 2 knows of the correction about January 15th.
        assertThat(asOf("'2024-01-20', 2")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        // Version 3 deletes INIT from January 20th on, inclusive, and not before.
        assertThat(asOf("'2024-01-20', 3")).containsExactly(ACME_JAN_15);
        assertThat(asOf("'2024-01-19T23:59:59Z', 3")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(asOf("NULL, 1")).containsExactlyInAnyOrder(ACME_FEB_1, INIT_JAN_5);
        assertThat(asOf("'2024-01-20', 3L")).containsExactly(ACME_JAN_15);
    }

    @Test
    void aStringThirdArgumentReadsTheLatestVersionCommittedAtOrBeforeThatSystemTime() {
        assertThat(committedAt[3] - committedAt[2]).as("room between the commits").isGreaterThan(1);
        assertThat(asOf("'2024-01-20', " + at(committedAt[1]))).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        assertThat(asOf("'2024-01-20', " + at(committedAt[2]))).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(asOf("'2024-01-20', " + at(committedAt[3] - 1))).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(asOf("'2024-01-20', " + at(committedAt[3] + 60_000))).containsExactly(ACME_JAN_15);
        assertThat(asOf("'2024-01-20', TIMESTAMP " + at(committedAt[2]))).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
    }

    @Test
    void withoutAThirdArgumentTheLatestVersionIsReadAndNullAsOfIsCurrent() {
        assertThat(asOf("'2024-01-14'")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        assertThat(asOf("'2024-01-15'")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(asOf("NULL")).containsExactly(ACME_FEB_1);
        assertThat(asOf("NULL, NULL")).containsExactly(ACME_FEB_1);
        assertThat(asOf("'2023-12-31'")).as("before all data").isEmpty();
    }

    @Test
    void timesMayBeDatesAndTimestampsAndLocalTimesAreInTheSessionTimeZone() {
        assertThat(asOf("DATE '2024-01-15'")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(asOf("TIMESTAMP '2024-01-14 23:59:59'")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        assertThat(asOf("TIMESTAMP_NTZ '2024-01-15 00:00:00'")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        String zone = spark.conf().get("spark.sql.session.timeZone");
        try {
            // Midnight of January 15th in New York is 05:00 UTC, after the correction's event time.
            spark.conf().set("spark.sql.session.timeZone", "America/New_York");
            assertThat(asOf("'2024-01-14T23:00:00'")).containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
            assertThat(asOf("'2024-01-14T23:00:00Z'")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        } finally {
            spark.conf().set("spark.sql.session.timeZone", zone);
        }
    }

    @Test
    void callsComposeWithTheRestOfSqlAndWithEachOther() {
        // What the late correction changed: the January 20th answer as known at version 1 against version 2.
        assertThat(sql("SELECT before.key, before.price, after.price"
                + " FROM azof_as_of('" + table + "', '2024-01-20', 1) AS before"
                + " JOIN azof_as_of('" + table + "', '2024-01-20', 2) AS after ON before.key = after.key"
                + " WHERE before.price <> after.price"))
                .containsExactly(row("ACME", 10L, 11L));
        assertThat(sql("SELECT count(*) FROM azof_as_of('" + table + "', '2024-01-20', 1) WHERE price > 6"))
                .containsExactly(row(1L));
    }

    @Test
    void theCallIsAnAzofScanThatStillPrunesByKeyAndReadsOnlyTheSelectedColumns() {
        BatchScanExec scan = TestSupport.planNodes(spark.sql(
                        "SELECT price FROM azof_as_of('" + table + "', '2024-01-20', 2) WHERE key = 'ACME'")).stream()
                .filter(BatchScanExec.class::isInstance).map(BatchScanExec.class::cast).findFirst().orElseThrow();
        assertThat(scan.scan().description())
                .contains("version=2", "asOf=2024-01-20T00:00:00Z", "pruning=key = 'ACME'", "columns=[key, price]");
    }

    /** Not the function, but the README offers it as the way without the extension, with every read option. */
    @Test
    void aTemporaryViewUsingAzofTakesTheReadOptionsWithoutTheExtension() {
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW prices_jan_20_v1 USING azof OPTIONS (path '" + table
                + "', asOf '2024-01-20', versionAsOf '1')");
        try {
            assertThat(sql("SELECT key, event_time, price FROM prices_jan_20_v1")).containsExactlyInAnyOrder(ACME_JAN_1, INIT_JAN_5);
        } finally {
            spark.sql("DROP VIEW prices_jan_20_v1");
        }
    }

    @Test
    void aTableNameIsResolvedThroughItsCatalogAndReadAtItsLocation() {
        assertThat(sql("SELECT key, event_time, price FROM azof_as_of('" + CATALOG + ".db.prices', '2024-01-20', 2)"))
                .containsExactlyInAnyOrder(ACME_JAN_15, INIT_JAN_5);
        assertThat(sql("SELECT key, event_time, price FROM azof_as_of('`" + CATALOG + "`.`db`.`prices`', '2024-01-20')"))
                .containsExactly(ACME_JAN_15);
        try {
            // A one-part name is in the current namespace, a two-part one in the current catalog.
            spark.sql("USE " + CATALOG + ".db");
            assertThat(sql("SELECT key, price FROM azof_as_of('prices', '2024-01-20', 1)"))
                    .containsExactlyInAnyOrder(row("ACME", 10L), row("INIT", 5L));
            assertThat(sql("SELECT key, price FROM azof_as_of('db.prices', '2024-01-20', 1)"))
                    .containsExactlyInAnyOrder(row("ACME", 10L), row("INIT", 5L));
        } finally {
            spark.sql("USE spark_catalog.default");
        }
    }

    @Test
    void describeFunctionShowsHowToCallIt() {
        List<String> lines = spark.sql("DESCRIBE FUNCTION EXTENDED azof_as_of").collectAsList().stream()
                .map(line -> line.getString(0))
                .toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Usage: azof_as_of(table, asOf [, version | systemTime])")
                .contains("an integer is a snapshot version, a string a commit time"));
        assertThat(String.join("\n", lines)).contains("SELECT * FROM azof_as_of('/data/financials', '2019-01-17')");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCallFails(String arguments) {
        return assertThatThrownBy(() -> spark.sql("SELECT * FROM azof_as_of(" + arguments + ")").collect())
                .isInstanceOf(FunctionArgumentException.class);
    }

    @Test
    void wrongNumbersOfArgumentsAreRefusedShowingTheCall() {
        assertCallFails("'" + table + "'")
                .hasMessageContaining("azof_as_of takes 2 or 3 arguments, azof_as_of('<table>', '<asOf>' [, <version> | '<systemTime>'])")
                .hasMessageContaining("but got 1: azof_as_of('" + table + "')");
        assertCallFails("'" + table + "', '2024-01-20', 1, 2")
                .hasMessageContaining("but got 4: azof_as_of('" + table + "', '2024-01-20', 1, 2)");
        assertCallFails("").hasMessageContaining("but got 0");
    }

    @Test
    void argumentsThatAreNotConstantsAreRefused() {
        assertCallFails("'" + table + "', CAST(rand() AS STRING)")
                .hasMessageContaining("azof_as_of argument 2 (asOf) must be a constant such as a literal; got CAST(rand(")
                .hasMessageContaining(", which is not");
        assertCallFails("'" + table + "', (SELECT max(event_time) FROM azof_as_of('" + table + "', NULL))")
                .hasMessageContaining("azof_as_of argument 2 (asOf) must be a constant such as a literal; got scalarsubquery()");
    }

    @Test
    void argumentsThatFailToEvaluateAreRefusedWithSparksReason() {
        String ansi = spark.conf().get("spark.sql.ansi.enabled");
        try {
            spark.conf().set("spark.sql.ansi.enabled", "true");
            assertCallFails("'" + table + "', '2024-01-20', CAST('three' AS INT)")
                    .hasMessageContaining("azof_as_of argument 3 (version or systemTime): cannot evaluate CAST('three' AS INT): ")
                    .hasMessageContaining("'three'");
        } finally {
            spark.conf().set("spark.sql.ansi.enabled", ansi);
        }
    }

    @Test
    void namedArgumentsAreRefusedShowingThePositions() {
        assertCallFails("'" + table + "', asOf => '2024-01-20'")
                .hasMessageContaining("azof_as_of argument 2 (asOf): azof_as_of takes its arguments by position,"
                        + " azof_as_of('<table>', '<asOf>' [, <version> | '<systemTime>']); got the named argument asOf => '2024-01-20'");
    }

    @Test
    void argumentsOfTheWrongTypeAreRefusedNamingTheArgumentValueAndType() {
        assertCallFails("'" + table + "', true")
                .hasMessageContaining("azof_as_of argument 2 (asOf) must be a time string such as '2019-01-17', a DATE or a TIMESTAMP,"
                        + " or NULL for current; got true of type BOOLEAN");
        assertCallFails("'" + table + "', '2024-01-20', false")
                .hasMessageContaining("azof_as_of argument 3 (version or systemTime) must be an integer snapshot version such as 3,"
                        + " or a system time")
                .hasMessageContaining("got false of type BOOLEAN");
        assertCallFails("'" + table + "', '2024-01-20', 2.5")
                .hasMessageContaining("azof_as_of argument 3 (version or systemTime) must be")
                .hasMessageContaining("got 2.5BD of type DECIMAL(2,1)");
        assertCallFails("42, '2024-01-20'")
                .hasMessageContaining("azof_as_of argument 1 (table) must be a string: a table path or URI, or a table name; got 42 of type INT");
        assertCallFails("NULL, '2024-01-20'")
                .hasMessageContaining("azof_as_of argument 1 (table) must be a string").hasMessageContaining("got NULL");
    }

    @Test
    void malformedTimesAreRefusedWithTheTimeParsersMessage() {
        assertCallFails("'" + table + "', 'yesterday'")
                .hasMessageContaining("azof_as_of argument 2 (asOf 'yesterday'): Invalid value for option 'asOf': 'yesterday'"
                        + " is not a time azof understands. Accepted forms: an ISO-8601 instant with zone");
        assertCallFails("'" + table + "', '2024-01-20', '2024-13-01'")
                .hasMessageContaining("azof_as_of argument 3 (systemTime '2024-13-01'): Invalid value for option"
                        + " 'systemTimeAsOf': '2024-13-01' is not a time azof understands");
    }

    @Test
    void versionsThatDoNotExistAreRefusedNamingTheVersionAndTheOnesThatDo() {
        assertCallFails("'" + table + "', '2024-01-20', 4")
                .hasMessageContaining("azof_as_of argument 3 (version 4): Version 4 does not exist in table " + table)
                .hasMessageContaining("available versions: 1 to 3")
                .hasCauseInstanceOf(VersionNotFoundException.class);
        assertCallFails("'" + table + "', '2024-01-20', 0")
                .hasMessageContaining("azof_as_of argument 3 (version 0): Invalid value for option 'versionAsOf': '0'");
    }

    @Test
    void aSystemTimeBeforeTheFirstCommitIsRefusedListingTheVersions() {
        String before = at(committedAt[1] - 1);
        assertCallFails("'" + table + "', '2024-01-20', " + before)
                .hasMessageContaining("azof_as_of argument 3 (systemTime " + before + "): No version")
                .hasMessageContaining("available versions: 1 to 3")
                .hasCauseInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void unknownPathsAndTablesAreRefusedNamingThem() {
        Path missing = table.resolveSibling(table.getFileName() + "-missing");
        assertCallFails("'" + missing + "', '2024-01-20'")
                .hasMessageContaining("azof_as_of argument 1 (table '" + missing + "'): ")
                .hasMessageContaining(missing.toString())
                .hasCauseInstanceOf(TableNotFoundException.class);
        assertCallFails("'" + CATALOG + ".db.nope', '2024-01-20'")
                .hasMessageContaining("azof_as_of argument 1 (table '" + CATALOG + ".db.nope'): there is no table " + CATALOG + ".db.nope");
        assertCallFails("'no_such_table', '2024-01-20'")
                .hasMessageContaining("there is no table spark_catalog.default.no_such_table");
        assertCallFails("'not a name!', '2024-01-20'")
                .hasMessageContaining("'not a name!' is neither a path (starting with / or holding :/) nor a table name");
    }

    @Test
    void catalogTablesThatAreNotAzofTablesAreRefused() {
        assertCallFails("'" + CATALOG + ".db.events_parquet', '2024-01-20'")
                .hasMessageContaining(CATALOG + ".db.events_parquet is not an azof table (its provider is parquet)");
        assertCallFails("'" + CATALOG + ".db.no_location', '2024-01-20'")
                .hasMessageContaining(CATALOG + ".db.no_location has no 'location' property");
        assertCallFails("'" + NO_TABLES_CATALOG + ".db.prices', '2024-01-20'")
                .hasMessageContaining("azof_as_of argument 1 (table '" + NO_TABLES_CATALOG + ".db.prices'): catalog " + NO_TABLES_CATALOG
                        + " holds no tables");
    }
}
