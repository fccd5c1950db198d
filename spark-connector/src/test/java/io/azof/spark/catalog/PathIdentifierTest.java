package io.azof.spark.catalog;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.appendWithDataFrame;
import static io.azof.spark.catalog.CatalogTestSupport.latest;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static io.azof.spark.catalog.CatalogTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables named by their path, {@code lake.`/path/to/table`}, through a catalog configured without a warehouse:
 * read, created, written and described in place, with their metadata tables; never dropped by the catalog.
 */
class PathIdentifierTest {
    private static final String CATALOG = "paths_lake";
    private static final StructType PRICES = new StructType().add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType).add("price", DataTypes.LongType);

    @TempDir
    static Path dir;

    @BeforeAll
    static void register() {
        registerCatalog(CATALOG, null);
    }

    private static String byPath(Path table) {
        return CATALOG + ".`" + table + "`";
    }

    @Test
    void aTableTheDataFrameWriterMadeIsReadByItsPathInAnyNamespaceAndAsAUri() {
        Path table = dir.resolve("written");
        appendWithDataFrame(table, PRICES, null, values("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                values("ACME", instant("2024-02-01T00:00:00Z"), 12L));

        assertThat(rows("SELECT * FROM " + byPath(table))).containsExactly(row("ACME", instant("2024-02-01T00:00:00Z"), 12L));
        assertThat(rows("SELECT price FROM " + CATALOG + ".azof.`" + table + "`")).containsExactly(row(12L));
        assertThat(rows("SELECT price FROM " + CATALOG + ".`" + table.toUri() + "` TIMESTAMP AS OF '2024-01-15'"))
                .containsExactly(row(10L));
    }

    @Test
    void createTableByPathCreatesItThereAndInsertsReachIt() {
        Path table = dir.resolve("created");
        sql("CREATE TABLE " + byPath(table) + " (ticker STRING, at TIMESTAMP, price BIGINT) USING azof TBLPROPERTIES"
                + " ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')");
        sql("INSERT INTO " + byPath(table) + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10)");

        assertThat(latest(table).table().keyColumns()).containsExactly("ticker");
        assertThat(TestSupport.rows(spark().read().format("azof").load(table.toString())))
                .containsExactly(row("ACME", instant("2024-01-01T00:00:00Z"), 10L));
    }

    @Test
    void describeShowsAPathTableAsExternalAtItsLocation() {
        Path table = dir.resolve("described");
        appendWithDataFrame(table, PRICES, null, values("ACME", instant("2024-01-01T00:00:00Z"), 10L));

        Map<String, String> extended = sql("DESCRIBE TABLE EXTENDED " + byPath(table)).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1), (a, b) -> a));
        assertThat(extended).containsEntry("Name", byPath(table))
                .containsEntry("Type", "EXTERNAL")
                .containsEntry("Location", "file:" + table)
                .containsEntry("Provider", "azof");
        assertThat(extended.get("Table Properties")).contains("keyColumns=key", "eventTimeColumn=event_time", "version=1");
    }

    @Test
    void metadataTablesOfAPathTable() {
        Path table = dir.resolve("with_history");
        appendWithDataFrame(table, PRICES, null, values("ACME", instant("2024-01-01T00:00:00Z"), 10L));
        appendWithDataFrame(table, PRICES, null, values("ACME", instant("2024-02-01T00:00:00Z"), 12L));

        assertThat(rows("SELECT version, operation FROM " + byPath(table) + ".snapshots"))
                .containsExactly(row(2L, "append"), row(1L, "create"));
        assertThat(rows("SELECT segment_id FROM " + byPath(table) + ".segments ORDER BY start"))
                .containsExactly(row("2024-01"), row("2024-02"));
        assertThat(rows("SELECT count(*) FROM " + CATALOG + ".azof.`" + table + "`.files")).containsExactly(row(2L));
    }

    @Test
    void dropTableRefusesAPathTableAndKeepsIt() {
        Path table = dir.resolve("kept");
        appendWithDataFrame(table, PRICES, null, values("ACME", instant("2024-01-01T00:00:00Z"), 10L));

        assertThatThrownBy(() -> sql("DROP TABLE " + byPath(table)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("DROP TABLE does not delete table " + byPath(table))
                .hasMessageContaining("delete the directory file:" + table + " yourself");
        assertThat(rows("SELECT count(*) FROM " + byPath(table))).containsExactly(row(1L));
    }

    @Test
    void aPathWithoutATableIsNotFound() {
        for (String name : new String[] {byPath(dir.resolve("missing")), byPath(dir.resolve("missing")) + ".files"}) {
            assertThatThrownBy(() -> sql("SELECT * FROM " + name)).as(name)
                    .isInstanceOf(AnalysisException.class)
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND")
                    .hasMessageContaining(dir.resolve("missing").toString());
        }
    }

    @Test
    void namedTablesAndNamespacesNeedTheWarehouseOption() {
        String needsWarehouse = "set spark.sql.catalog." + CATALOG + ".warehouse";
        assertThatThrownBy(() -> sql("SELECT * FROM " + CATALOG + ".db.prices"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining(needsWarehouse);
        assertThatThrownBy(() -> sql("SHOW NAMESPACES IN " + CATALOG))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining(needsWarehouse);
        assertThatThrownBy(() -> sql("CREATE NAMESPACE " + CATALOG + ".db"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining(needsWarehouse);
        assertThatThrownBy(() -> sql("CREATE TABLE " + CATALOG + ".prices (key STRING, event_time TIMESTAMP)"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining(needsWarehouse);
    }
}
