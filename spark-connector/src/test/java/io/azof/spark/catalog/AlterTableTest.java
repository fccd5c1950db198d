package io.azof.spark.catalog;

import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static io.azof.spark.TestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidSchemaChangeException;
import java.nio.file.Path;
import org.apache.spark.sql.AnalysisException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ALTER TABLE} on catalog tables: added columns read as null for rows written before, widened columns read
 * old rows widened, each change is a version (so older versions keep their schema), and what azof cannot do is
 * refused naming the column and why, committing nothing.
 */
class AlterTableTest {
    private static final String CATALOG = "alter_lake";
    private static final String DB = CATALOG + ".db";

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void catalog() {
        registerCatalog(CATALOG, warehouse);
        sql("CREATE NAMESPACE " + DB);
    }

    private static void prices(String table) {
        sql("CREATE TABLE " + DB + "." + table + " (ticker STRING, at TIMESTAMP, price INT, note STRING NOT NULL) USING azof"
                + " TBLPROPERTIES ('keyColumns' = 'ticker', 'eventTimeColumn' = 'at')");
        sql("INSERT INTO " + DB + "." + table + " VALUES ('ACME', TIMESTAMP '2024-01-01 00:00:00', 10, 'first')");
    }

    @Test
    void addedColumnsReadAsNullForEarlierRowsAndOldVersionsKeepTheirSchema() {
        prices("added");

        sql("ALTER TABLE " + DB + ".added ADD COLUMNS (volume BIGINT, venue STRING)");
        sql("INSERT INTO " + DB + ".added VALUES ('ZETA', TIMESTAMP '2024-01-02 00:00:00', 7, 'second', 500, 'XNYS')");

        assertThat(rows("SELECT ticker, price, volume, venue FROM " + DB + ".added ORDER BY ticker"))
                .containsExactly(row("ACME", 10, null, null), row("ZETA", 7, 500L, "XNYS"));
        // Version 1 is the empty CREATE, 2 the first INSERT, 3 the ALTER, 4 the second INSERT.
        assertThat(sql("SELECT * FROM " + DB + ".added VERSION AS OF 2").columns())
                .containsExactly("ticker", "at", "price", "note");
        assertThat(rows("SELECT operation FROM " + DB + ".added.snapshots WHERE version = 3")).containsExactly(row("alter"));
    }

    @Test
    void widenedColumnsReadEarlierRowsWidened() {
        prices("widened");

        sql("ALTER TABLE " + DB + ".widened ALTER COLUMN price TYPE BIGINT");
        sql("ALTER TABLE " + DB + ".widened ALTER COLUMN note DROP NOT NULL");
        sql("INSERT INTO " + DB + ".widened VALUES ('ZETA', TIMESTAMP '2024-01-02 00:00:00', 5000000000, NULL)");

        assertThat(rows("SELECT ticker, price, note FROM " + DB + ".widened ORDER BY ticker"))
                .containsExactly(row("ACME", 10L, "first"), row("ZETA", 5_000_000_000L, null));
    }

    @Test
    void changesAzofCannotMakeAreRefusedAndCommitNothing() {
        prices("fixed");
        long versions = rows("SELECT * FROM " + DB + ".fixed.snapshots").size();

        String[][] refused = {
                {"ALTER TABLE " + DB + ".fixed ALTER COLUMN price TYPE SMALLINT", "price"},
                {"ALTER TABLE " + DB + ".fixed ALTER COLUMN price TYPE STRING", "price"},
                {"ALTER TABLE " + DB + ".fixed RENAME COLUMN price TO amount", "price"},
                {"ALTER TABLE " + DB + ".fixed DROP COLUMN note", "note"},
                {"ALTER TABLE " + DB + ".fixed ADD COLUMNS (price BIGINT)", "price"},
                {"ALTER TABLE " + DB + ".fixed ADD COLUMNS (venue STRING FIRST)", "venue"},
                {"ALTER TABLE " + DB + ".fixed SET TBLPROPERTIES ('buckets' = '8')", "buckets"}};
        // Spark itself refuses type changes it cannot up-cast and columns that exist; azof refuses the rest.
        for (String[] statement : refused) {
            assertThatThrownBy(() -> sql(statement[0])).as(statement[0])
                    .isInstanceOfAny(InvalidSchemaChangeException.class, AnalysisException.class)
                    .hasMessageContaining(statement[1]);
        }
        assertThatThrownBy(() -> sql("ALTER TABLE " + DB + ".fixed RENAME COLUMN price TO amount"))
                .isInstanceOf(InvalidSchemaChangeException.class).hasMessageContaining("price").hasMessageContaining("by name");
        assertThat(rows("SELECT * FROM " + DB + ".fixed.snapshots")).hasSize((int) versions);
    }
}
