package io.azof.spark.catalog;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.latest;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE TABLE (with and without properties, AS SELECT), SHOW TABLES, DESCRIBE TABLE [EXTENDED], DROP TABLE, ALTER
 * TABLE ... RENAME TO, and the table properties the catalog reports. Each test works in its own namespace.
 */
class CatalogTablesTest {
    private static final String CATALOG = "tables_lake";
    private static final String PRICE_COLUMNS = "(ticker STRING, at TIMESTAMP, price BIGINT)";

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void register() {
        registerCatalog(CATALOG, warehouse);
    }

    private static void namespace(String name) {
        sql("CREATE NAMESPACE " + CATALOG + "." + name);
    }

    @Test
    void createTableWritesVersionOneWithTheColumnsAndTheDefinitionOfItsProperties() {
        namespace("created");
        sql("CREATE TABLE " + CATALOG + ".created.prices " + PRICE_COLUMNS + " USING azof TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'segmentGranularity' = 'year', 'buckets' = '2')");

        Path table = warehouse.resolve("created").resolve("prices");
        Snapshot snapshot = latest(table);
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.table().schema().fieldNames()).containsExactly("ticker", "at", "price");
        assertThat(snapshot.table().keyColumns()).containsExactly("ticker");
        assertThat(snapshot.table().eventTimeColumn()).isEqualTo("at");
        assertThat(snapshot.table().granularity()).isEqualTo(SegmentGranularity.YEAR);
        assertThat(snapshot.table().buckets()).isEqualTo(2);
        assertThat(TestTables.localTable(table).history()).singleElement()
                .satisfies(v -> assertThat(v.operation()).isEqualTo("create"))
                .satisfies(v -> assertThat(v.rowsAdded()).isZero());
        assertThat(rows("SELECT * FROM " + CATALOG + ".created.prices")).isEmpty();
        assertThat(sql("SELECT * FROM " + CATALOG + ".created.prices").schema().fieldNames()).containsExactly("ticker", "at", "price");
    }

    @Test
    void createTableWithoutPropertiesOrUsingTakesTheWritersDefaults() {
        namespace("defaults");
        sql("CREATE TABLE " + CATALOG + ".defaults.readings (key STRING, event_time TIMESTAMP, value DOUBLE)");

        Snapshot snapshot = latest(warehouse.resolve("defaults").resolve("readings"));
        assertThat(snapshot.table().keyColumns()).containsExactly("key");
        assertThat(snapshot.table().eventTimeColumn()).isEqualTo("event_time");
        assertThat(snapshot.table().granularity()).isEqualTo(SegmentGranularity.MONTH);
        assertThat(snapshot.table().buckets()).isEqualTo(4);
    }

    @Test
    void optionsClauseSetsTheSameSettingsAndAKeyMaySpanColumns() {
        namespace("options");
        sql("CREATE TABLE " + CATALOG + ".options.sensors (region STRING, sensor_id INT, at TIMESTAMP, reading DOUBLE) USING azof"
                + " OPTIONS ('keyColumns' = 'region, sensor_id', 'eventTimeColumn' = 'at', 'buckets' = '3')");

        Snapshot snapshot = latest(warehouse.resolve("options").resolve("sensors"));
        assertThat(snapshot.table().keyColumns()).containsExactly("region", "sensor_id");
        assertThat(snapshot.table().buckets()).isEqualTo(3);
    }

    @Test
    void createTableIfNotExistsLeavesAnExistingTableAsItIs() {
        namespace("twice");
        String create = "CREATE TABLE " + CATALOG + ".twice.prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at')";
        sql(create);
        sql("INSERT INTO " + CATALOG + ".twice.prices VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10)");

        sql(create.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
        assertThat(latest(warehouse.resolve("twice").resolve("prices")).version()).isEqualTo(2);
        assertThatThrownBy(() -> sql(create)).isInstanceOf(TableAlreadyExistsException.class).hasMessageContaining("prices");
    }

    @Test
    void createTableAsSelectCreatesTheDefinitionThenAppendsTheRows() {
        namespace("ctas");
        sql("CREATE TABLE " + CATALOG + ".ctas.prices USING azof TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at',"
                + " 'buckets' = '1') AS SELECT * FROM VALUES"
                + " ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10L),"
                + " ('ACME', TIMESTAMP '2024-02-01 00:00:00', 12L),"
                + " ('INIT', TIMESTAMP '2024-01-05 00:00:00', 5L) AS source(ticker, at, price)");

        Path table = warehouse.resolve("ctas").resolve("prices");
        Snapshot snapshot = latest(table);
        assertThat(snapshot.table().keyColumns()).containsExactly("ticker");
        assertThat(snapshot.table().eventTimeColumn()).isEqualTo("at");
        assertThat(snapshot.table().buckets()).isEqualTo(1);
        assertThat(TestTables.localTable(table).history().stream().map(v -> v.operation() + ":" + v.rowsAdded()))
                .containsExactly("append:3", "create:0");
        assertThat(rows("SELECT count(*) FROM " + CATALOG + ".ctas.prices")).containsExactly(row(2L));
        assertThat(rows("SELECT ticker, price FROM " + CATALOG + ".ctas.prices")).containsExactlyInAnyOrder(
                row("ACME", 12L), row("INIT", 5L));
    }

    @Test
    void showTablesListsTheTableDirectoriesOfANamespaceIncludingTablesTheDataFrameWriterMade() {
        namespace("listed");
        sql("CREATE TABLE " + CATALOG + ".listed.b_prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at')");
        sql("CREATE NAMESPACE " + CATALOG + ".listed.nested");
        // The file system is the catalog: a table written into the namespace's directory is one of its tables.
        CatalogTestSupport.appendWithDataFrame(warehouse.resolve("listed").resolve("a_written"),
                new StructType().add("key", "string").add("event_time", "timestamp"), null,
                CatalogTestSupport.values("k", instant("2024-01-01T00:00:00Z")));

        assertThat(rows("SHOW TABLES IN " + CATALOG + ".listed")).containsExactly(
                row("listed", "a_written", false), row("listed", "b_prices", false));
        assertThat(rows("SHOW TABLES IN " + CATALOG + ".listed.nested")).isEmpty();
    }

    @Test
    void describeTableShowsTheColumnsAndExtendedShowsKeyEventTimeLayoutAndCurrentVersion() {
        namespace("described");
        sql("CREATE TABLE " + CATALOG + ".described.prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'segmentGranularity' = 'quarter', 'buckets' = '2')");
        sql("INSERT INTO " + CATALOG + ".described.prices VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10)");

        assertThat(rows("DESCRIBE TABLE " + CATALOG + ".described.prices")).containsExactly(
                row("ticker", "string", null), row("at", "timestamp", null), row("price", "bigint", null));

        Map<String, String> extended = sql("DESCRIBE TABLE EXTENDED " + CATALOG + ".described.prices").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1), (a, b) -> a));
        String location = "file:" + warehouse.resolve("described").resolve("prices");
        assertThat(extended).containsEntry("Name", CATALOG + ".described.prices")
                .containsEntry("Type", "MANAGED")
                .containsEntry("Provider", "azof")
                .containsEntry("Location", location);
        // New tables are created at format version 3 unless 'formatVersion' says otherwise.
        assertThat(extended.get("Table Properties")).isEqualTo("[autoCompact=true,autoCompact.maxRuns=8,buckets=2,eventTimeColumn=at,format_version=3,keyColumns=ticker,"
                + "segmentGranularity=quarter,version=2]");
    }

    /** TBLPROPERTIES ('formatVersion' = '2') creates a format version 2 table, which then reports format_version 2; 4 is refused. */
    @Test
    void formatVersionPropertyChoosesTheNewTablesFormat() {
        namespace("formats");
        sql("CREATE TABLE " + CATALOG + ".formats.listed " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'formatVersion' = '2')");
        sql("CREATE TABLE " + CATALOG + ".formats.rooted " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'formatVersion' = '3')");
        sql("INSERT INTO " + CATALOG + ".formats.listed VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10)");

        assertThat(rows("SHOW TBLPROPERTIES " + CATALOG + ".formats.listed ('format_version')")).containsExactly(row("format_version", "2"));
        assertThat(rows("SHOW TBLPROPERTIES " + CATALOG + ".formats.rooted ('format_version')")).containsExactly(row("format_version", "3"));
        assertThat(rows("SELECT ticker, price FROM " + CATALOG + ".formats.listed")).containsExactly(row("ACME", 10L));
        assertThat(warehouse.resolve("formats").resolve("listed").resolve("metadata")).doesNotExist();
        assertThatThrownBy(() -> sql("CREATE TABLE " + CATALOG + ".formats.unknown " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'formatVersion' = '4')"))
                .hasMessageContaining("Invalid value for option 'formatVersion': '4'");
        assertThat(warehouse.resolve("formats").resolve("unknown").resolve("s1.json")).doesNotExist();
    }

    /** The {@code azof_as_of} function and other readers find the table's directory under the property {@code location}. */
    @Test
    void locationPropertyIsTheTableDirectoryThatTheDataFrameReaderReads() throws NoSuchTableException {
        namespace("located");
        sql("CREATE TABLE " + CATALOG + ".located.prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at')");
        sql("INSERT INTO " + CATALOG + ".located.prices VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10)");

        TableCatalog catalog = (TableCatalog) spark().sessionState().catalogManager().catalog(CATALOG);
        Map<String, String> properties = catalog.loadTable(Identifier.of(new String[] {"located"}, "prices")).properties();
        assertThat(properties).containsEntry("location", "file:" + warehouse.resolve("located").resolve("prices"))
                .containsEntry("provider", "azof")
                .containsEntry("version", "2");
        assertThat(TestSupport.rows(spark().read().format("azof").load(properties.get("location"))))
                .containsExactly(row("ACME", instant("2024-01-01T00:00:00Z"), 10L));
    }

    @Test
    void dropTableDeletesTheTableDirectory() {
        namespace("dropped");
        sql("CREATE TABLE " + CATALOG + ".dropped.prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at')");
        assertThat(warehouse.resolve("dropped").resolve("prices")).isDirectory();

        sql("DROP TABLE " + CATALOG + ".dropped.prices");
        assertThat(warehouse.resolve("dropped").resolve("prices")).doesNotExist();
        assertThat(rows("SHOW TABLES IN " + CATALOG + ".dropped")).isEmpty();
        sql("DROP TABLE IF EXISTS " + CATALOG + ".dropped.prices");
        assertThatThrownBy(() -> sql("DROP TABLE " + CATALOG + ".dropped.prices"))
                .isInstanceOf(NoSuchTableException.class).hasMessageContaining("`dropped`.`prices`");
    }

    @Test
    void renameMovesTheTableDirectoryWithItsHistory() {
        namespace("renamed");
        namespace("renamed_target");
        sql("CREATE TABLE " + CATALOG + ".renamed.prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at')");
        sql("INSERT INTO " + CATALOG + ".renamed.prices VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10)");

        sql("ALTER TABLE " + CATALOG + ".renamed.prices RENAME TO renamed_target.quotes");
        assertThat(warehouse.resolve("renamed").resolve("prices")).doesNotExist();
        assertThat(rows("SELECT ticker, price FROM " + CATALOG + ".renamed_target.quotes")).containsExactly(row("ACME", 10L));
        assertThat(rows("SELECT count(*) FROM " + CATALOG + ".renamed_target.quotes VERSION AS OF 1")).containsExactly(row(0L));
    }
}
