package io.azof.spark.catalog;

import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statement the catalog refuses, and what the refusal says. A refused CREATE TABLE leaves no directory behind. */
class CatalogErrorsTest {
    private static final String CATALOG = "errors_lake";
    private static final String DB = CATALOG + ".db";
    private static final String PRICE_COLUMNS = "(ticker STRING, at TIMESTAMP, price BIGINT)";

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void register() {
        registerCatalog(CATALOG, warehouse);
        sql("CREATE NAMESPACE " + DB);
        sql("CREATE TABLE " + DB + ".prices " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')");
    }

    private static Path tableDir(String name) {
        return warehouse.resolve("db").resolve(name);
    }

    @Test
    void unknownTableIsNotFoundByName() {
        for (String statement : new String[] {"SELECT * FROM " + DB + ".unknown", "INSERT INTO " + DB + ".unknown VALUES ('A')",
                "DESCRIBE TABLE " + DB + ".unknown", "DROP TABLE " + DB + ".unknown", "SELECT * FROM " + DB + ".unknown.files"}) {
            assertThatThrownBy(() -> sql(statement)).as(statement)
                    .isInstanceOf(AnalysisException.class)
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND")
                    .hasMessageContaining("`db`.`unknown`");
        }
    }

    @Test
    void loadingAnUnknownTableThroughTheCatalogApiNamesItsDirectory() {
        TableCatalog catalog = (TableCatalog) spark().sessionState().catalogManager().catalog(CATALOG);
        assertThatThrownBy(() -> catalog.loadTable(Identifier.of(new String[] {"db"}, "unknown")))
                .isInstanceOf(NoSuchTableException.class)
                .hasMessageContaining(org.apache.spark.package$.MODULE$.SPARK_VERSION().startsWith("4")
                        // Spark 4 builds the exception from an error class only: azof's reason is in the relation name.
                        ? "TABLE_OR_VIEW_NOT_FOUND"
                        : "Table " + DB + ".unknown does not exist")
                .hasMessageContaining(DB + ".unknown")
                .hasMessageContaining("there is no azof table at file:" + tableDir("unknown"));
        assertThat(catalog.dropTable(Identifier.of(new String[] {"db"}, "unknown"))).isFalse();
    }

    @Test
    void anotherProviderIsRefusedNamingIt() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".parquet_prices " + PRICE_COLUMNS + " USING parquet"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Cannot create " + DB + ".parquet_prices USING parquet")
                .hasMessageContaining("USING azof");
        assertThat(tableDir("parquet_prices")).doesNotExist();
    }

    @Test
    void unknownPropertyIsRefusedNamingItAndTheAcceptedOnes() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".typo " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumn' = 'ticker',"
                + " 'eventTimeColumn' = 'at')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown table property 'keyColumn' for azof table " + DB + ".typo")
                .hasMessageContaining("keyColumns, eventTimeColumn, segmentGranularity, buckets");
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".commented " + PRICE_COLUMNS + " COMMENT 'prices' TBLPROPERTIES"
                + " ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown table property 'comment'");
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".versioned " + PRICE_COLUMNS + " TBLPROPERTIES ('version' = '3')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Table property 'version' of " + DB + ".versioned is reported by azof tables and cannot be set");
        assertThat(tableDir("typo")).doesNotExist();
        assertThat(tableDir("commented")).doesNotExist();
        assertThat(tableDir("versioned")).doesNotExist();
    }

    /** Without keyColumns and eventTimeColumn the table needs the default columns key and event_time. */
    @Test
    void missingKeyOrEventTimePropertyIsRefusedNamingTheDefaultColumn() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".no_key " + PRICE_COLUMNS + " TBLPROPERTIES ('eventTimeColumn' = 'at')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Key column 'key' (option 'keyColumns') is not in the schema [ticker, at, price]");
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".no_time " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Event-time column 'event_time' (option 'eventTimeColumn') is not in the schema");
        assertThat(tableDir("no_key")).doesNotExist();
        assertThat(tableDir("no_time")).doesNotExist();
    }

    @Test
    void wrongPropertyValuesAreRefusedNamingTheProperty() {
        String[][] cases = {
            {"'keyColumns' = 'symbol', 'eventTimeColumn' = 'at'", "Key column 'symbol' (option 'keyColumns') is not in the schema"},
            {"'keyColumns' = 'ticker', 'eventTimeColumn' = 'price'", "Event-time column 'price' has type long; it must be a timestamp"},
            {"'keyColumns' = 'ticker', 'eventTimeColumn' = 'at', 'buckets' = 'many'", "Invalid value for option 'buckets': 'many'"},
            {"'keyColumns' = 'ticker', 'eventTimeColumn' = 'at', 'buckets' = '0'", "Option 'buckets' must be between 1 and 4096, not 0"},
            {"'keyColumns' = 'ticker', 'eventTimeColumn' = 'at', 'segmentGranularity' = 'week'",
                "Invalid value for option 'segmentGranularity': 'week'"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".wrong " + PRICE_COLUMNS + " TBLPROPERTIES (" + c[0] + ")")).as(c[0])
                    .isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining(c[1]);
            assertThat(tableDir("wrong")).as(c[0]).doesNotExist();
        }
    }

    @Test
    void aSettingGivenTwiceWithDifferentValuesIsRefused() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".twice " + PRICE_COLUMNS + " TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'buckets' = '3', 'BUCKETS' = '2')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Table property 'buckets' of " + DB + ".twice is given twice");
        assertThat(tableDir("twice")).doesNotExist();
    }

    @Test
    void partitionedByIsRefusedAsTheDataFrameWritersPartitionByIs() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".partitioned " + PRICE_COLUMNS + " USING azof PARTITIONED BY (ticker)"
                + " TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("cannot be partitioned by columns (partitionBy, PARTITIONED BY)")
                .hasMessageContaining("'buckets'");
        assertThat(tableDir("partitioned")).doesNotExist();
    }

    @Test
    void locationIsRefusedPointingAtPathIdentifiers() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".elsewhere " + PRICE_COLUMNS + " USING azof LOCATION '"
                + warehouse.resolve("elsewhere") + "' TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Cannot create " + DB + ".elsewhere with LOCATION")
                .hasMessageContaining("name it by its path");
        assertThat(warehouse.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void createTableAsSelectThatCannotDefineTheTableCreatesNothing() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".no_key_ctas AS SELECT 'ACME' AS ticker, TIMESTAMP '2024-01-01 00:00:00'"
                + " AS event_time"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Key column 'key'");
        assertThat(tableDir("no_key_ctas")).doesNotExist();
    }

    /** Spark drops the table it created when the write of CREATE TABLE ... AS SELECT fails. */
    @Test
    void createTableAsSelectWhoseRowsAreRejectedLeavesNoTable() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".ambiguous TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')"
                + " AS SELECT * FROM VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10L), ('ACME', TIMESTAMP '2024-01-01 00:00:00', 11L)"
                + " AS source(ticker, at, price)"))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("ACME");
        assertThat(tableDir("ambiguous")).doesNotExist();
    }

    @Test
    void aDirectoryThatHoldsOtherFilesIsNotMadeATable() throws IOException {
        Files.createDirectories(tableDir("occupied"));
        Files.writeString(tableDir("occupied").resolve("notes.txt"), "not a table");

        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".occupied " + PRICE_COLUMNS
                + " TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')"))
                .isInstanceOf(AzofException.class)
                .hasMessageContaining("Cannot create table " + DB + ".occupied: its directory file:" + tableDir("occupied")
                        + " already holds files but no azof table");
        assertThat(tableDir("occupied")).isDirectoryNotContaining("glob:**.json");
    }

    @Test
    void namesThatAreNotDirectoryNamesAreRefused() {
        assertThatThrownBy(() -> sql("CREATE TABLE " + DB + ".`a:b` " + PRICE_COLUMNS))
                .isInstanceOf(AzofException.class)
                .hasMessageContaining("'a:b' cannot name a table of catalog " + CATALOG);
        assertThatThrownBy(() -> sql("CREATE NAMESPACE " + CATALOG + ".`..`"))
                .isInstanceOf(AzofException.class)
                .hasMessageContaining("'..' cannot name a namespace of catalog " + CATALOG);
    }
}
