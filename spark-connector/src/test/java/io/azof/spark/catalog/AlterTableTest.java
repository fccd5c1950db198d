package io.azof.spark.catalog;

import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static io.azof.spark.TestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidSchemaChangeException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ALTER TABLE} on catalog tables: added columns read as null for rows written before, widened columns read
 * old rows widened, each change is a version (so older versions keep their schema), and what azof cannot do is
 * refused naming the column and why, committing nothing. {@code SET / UNSET TBLPROPERTIES} changes the properties
 * that can change, those of compaction after writes.
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
                {"ALTER TABLE " + DB + ".fixed SET TBLPROPERTIES ('buckets' = '8')", "buckets"},
                {"ALTER TABLE " + DB + ".fixed SET TBLPROPERTIES ('autoCompact.maxRuns' = '1')", "autoCompact.maxRuns"},
                {"ALTER TABLE " + DB + ".fixed SET TBLPROPERTIES ('version' = '9')", "version"},
                {"ALTER TABLE " + DB + ".fixed UNSET TBLPROPERTIES ('keyColumns')", "keyColumns"}};
        // Spark itself refuses type changes it cannot up-cast and columns that exist; azof refuses the rest.
        for (String[] statement : refused) {
            assertThatThrownBy(() -> sql(statement[0])).as(statement[0])
                    .isInstanceOfAny(InvalidSchemaChangeException.class, InvalidOptionException.class, AnalysisException.class)
                    .hasMessageContaining(statement[1]);
        }
        assertThatThrownBy(() -> sql("ALTER TABLE " + DB + ".fixed RENAME COLUMN price TO amount"))
                .isInstanceOf(InvalidSchemaChangeException.class).hasMessageContaining("price").hasMessageContaining("by name");
        assertThat(rows("SELECT * FROM " + DB + ".fixed.snapshots")).hasSize((int) versions);
    }

    private static List<String> operations(String table) {
        return rows("SELECT operation FROM " + DB + "." + table + ".snapshots ORDER BY version").stream().map(r -> (String) r.get(0)).toList();
    }

    private static void insert(String table, int day) {
        sql("INSERT INTO " + DB + "." + table + " VALUES ('T" + (day % 3) + "', TIMESTAMP '2024-01-%02d 00:00:00', %d)".formatted(day, day));
    }

    @Test
    void compactionAfterWritesIsSetAtCreationAndChangedWithTblproperties() {
        sql("CREATE TABLE " + DB + ".ticks (ticker STRING, at TIMESTAMP, price INT) USING azof TBLPROPERTIES ('keyColumns' = 'ticker',"
                + " 'eventTimeColumn' = 'at', 'buckets' = '1', 'autoCompact.maxRuns' = '3')");
        assertThat(rows("SHOW TBLPROPERTIES " + DB + ".ticks ('autoCompact.maxRuns')")).containsExactly(row("autoCompact.maxRuns", "3"));
        for (int day = 1; day <= 4; day++) {
            insert("ticks", day);
        }
        // The fourth INSERT makes a read of January merge four files, more than 3: a compaction commits after it.
        assertThat(operations("ticks")).containsExactly("create", "append", "append", "append", "append", "compact");

        sql("ALTER TABLE " + DB + ".ticks SET TBLPROPERTIES ('autoCompact' = 'false')");
        assertThat(rows("SHOW TBLPROPERTIES " + DB + ".ticks ('autoCompact')")).containsExactly(row("autoCompact", "false"));
        for (int day = 5; day <= 9; day++) {
            insert("ticks", day);
        }
        assertThat(operations("ticks").subList(6, 12)).containsExactly("alter", "append", "append", "append", "append", "append");
        assertThat(operations("ticks")).hasSize(12);

        sql("ALTER TABLE " + DB + ".ticks UNSET TBLPROPERTIES ('autoCompact')");
        insert("ticks", 10);
        assertThat(operations("ticks").subList(12, 15)).containsExactly("alter", "append", "compact");
        // Each ticker's latest price: T0 day 9, T1 day 10, T2 day 8.
        assertThat(rows("SELECT ticker, price FROM " + DB + ".ticks ORDER BY ticker"))
                .containsExactly(row("T0", 9), row("T1", 10), row("T2", 8));
        assertThat(rows("SELECT ticker, price FROM " + DB + ".ticks VERSION AS OF 5 ORDER BY ticker"))
                .containsExactly(row("T0", 3), row("T1", 4), row("T2", 2));
    }
}
