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

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.testing.TestTables;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INSERT INTO, INSERT OVERWRITE and {@code df.writeTo(...)} on catalog tables: each write is one version, all or nothing. */
class CatalogWritesTest {
    private static final String CATALOG = "writes_lake";

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void register() {
        registerCatalog(CATALOG, warehouse);
        sql("CREATE NAMESPACE " + CATALOG + ".db");
    }

    private static String create(String table) {
        String name = CATALOG + ".db." + table;
        sql("CREATE TABLE " + name + " (ticker STRING, at TIMESTAMP, price BIGINT) USING azof TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at')");
        return name;
    }

    private static List<String> history(String table) {
        return TestTables.localTable(warehouse.resolve("db").resolve(table)).history().stream()
                .map(v -> v.version() + ":" + v.operation() + ":" + v.rowsAdded() + ":" + v.rowsRemoved())
                .toList();
    }

    @Test
    void insertIntoAppendsOneVersionPerStatement() {
        String prices = create("appended");
        sql("INSERT INTO " + prices + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10),"
                + " ('INIT', TIMESTAMP '2024-01-05 00:00:00', 5)");
        sql("INSERT INTO " + prices + " SELECT 'ACME', TIMESTAMP '2024-02-01 00:00:00', 12");

        assertThat(rows("SELECT * FROM " + prices)).containsExactlyInAnyOrder(
                row("ACME", instant("2024-02-01T00:00:00Z"), 12L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(history("appended")).containsExactly("3:append:1:0", "2:append:2:0", "1:create:0:0");
    }

    @Test
    void insertIntoByColumnNamesTakesAnyColumnOrder() {
        String prices = create("by_name");
        sql("INSERT INTO " + prices + " (price, ticker, at) VALUES (10, 'ACME', TIMESTAMP '2024-01-01 00:00:00')");

        assertThat(rows("SELECT * FROM " + prices)).containsExactly(row("ACME", instant("2024-01-01T00:00:00Z"), 10L));
    }

    @Test
    void insertOverwriteReplacesEveryRowAndKeepsEarlierVersionsReadable() {
        String prices = create("overwritten");
        sql("INSERT INTO " + prices + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10),"
                + " ('INIT', TIMESTAMP '2024-01-05 00:00:00', 5)");
        sql("INSERT OVERWRITE " + prices + " VALUES ('BETA', TIMESTAMP '2024-03-01 00:00:00', 7)");

        assertThat(rows("SELECT * FROM " + prices)).containsExactly(row("BETA", instant("2024-03-01T00:00:00Z"), 7L));
        assertThat(history("overwritten")).containsExactly("3:overwrite:1:2", "2:append:2:0", "1:create:0:0");
        assertThat(rows("SELECT ticker FROM " + prices + " VERSION AS OF 2")).containsExactlyInAnyOrder(row("ACME"), row("INIT"));
    }

    @Test
    void dataFrameWriterV2AppendsAndPassesWriteOptionsSuchAsWriteId() throws NoSuchTableException {
        String prices = create("write_to");
        StructType schema = new StructType().add("ticker", DataTypes.StringType).add("at", DataTypes.TimestampType)
                .add("price", DataTypes.LongType);
        Dataset<Row> frame = spark().createDataFrame(List.of(RowFactory.create("ACME", instant("2024-01-01T00:00:00Z"), 10L)), schema);

        frame.writeTo(prices).option("writeId", "load-1").append();
        // A retried job with the same write id commits nothing.
        frame.writeTo(prices).option("writeId", "load-1").append();

        assertThat(history("write_to")).containsExactly("2:append:1:0", "1:create:0:0");
        assertThat(rows("SELECT * FROM " + prices)).containsExactly(row("ACME", instant("2024-01-01T00:00:00Z"), 10L));
    }

    @Test
    void rejectedRowsCommitNothing() {
        String prices = create("rejected");
        assertThatThrownBy(() -> sql("INSERT INTO " + prices + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10),"
                + " ('ACME', TIMESTAMP '2024-01-01 00:00:00', 11)"))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("ACME");
        assertThatThrownBy(() -> sql("INSERT INTO " + prices + " VALUES (NULL, TIMESTAMP '2024-01-01 00:00:00', 10)"))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("ticker");
        assertThat(latest(warehouse.resolve("db").resolve("rejected")).version()).isEqualTo(1);
    }

    @Test
    void insertOfColumnsTheTableDoesNotHaveIsRefusedBySpark() {
        String prices = create("mismatched");
        assertThatThrownBy(() -> sql("INSERT INTO " + prices + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10, 'extra')"))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("writes_lake");
        assertThat(latest(warehouse.resolve("db").resolve("mismatched")).version()).isEqualTo(1);
    }
}
