package io.azof.spark.catalog;

import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.rows;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Namespaces are directories of the warehouse: CREATE, SHOW, DESCRIBE and DROP NAMESPACE, nested ones included. */
class CatalogNamespacesTest {
    private static final String CATALOG = "namespaces_lake";

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void register() {
        registerCatalog(CATALOG, warehouse);
    }

    @Test
    void createNamespaceMakesADirectoryAndNestedNamespacesNestedDirectories() {
        sql("CREATE NAMESPACE " + CATALOG + ".sales");
        sql("CREATE NAMESPACE " + CATALOG + ".sales.europe");

        assertThat(warehouse.resolve("sales").resolve("europe")).isDirectory();
        assertThat(rows("SHOW NAMESPACES IN " + CATALOG)).contains(row("sales"));
        assertThat(rows("SHOW NAMESPACES IN " + CATALOG + ".sales")).containsExactly(row("sales.europe"));
        Map<String, String> described = sql("DESCRIBE NAMESPACE EXTENDED " + CATALOG + ".sales.europe").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
        assertThat(described).containsEntry("Location", "file:" + warehouse.resolve("sales").resolve("europe"));
    }

    @Test
    void tablesAreNotNamespaces() {
        sql("CREATE NAMESPACE " + CATALOG + ".mixed");
        sql("CREATE TABLE " + CATALOG + ".mixed.prices (key STRING, event_time TIMESTAMP, price BIGINT)");
        sql("CREATE NAMESPACE " + CATALOG + ".mixed.archive");

        assertThat(rows("SHOW NAMESPACES IN " + CATALOG + ".mixed")).containsExactly(row("mixed.archive"));
        assertThat(rows("SHOW TABLES IN " + CATALOG + ".mixed")).containsExactly(row("mixed", "prices", false));
    }

    @Test
    void dropNamespaceRefusesOneThatHoldsTablesUnlessCascade() {
        sql("CREATE NAMESPACE " + CATALOG + ".full");
        sql("CREATE TABLE " + CATALOG + ".full.prices (key STRING, event_time TIMESTAMP, price BIGINT)");

        assertThatThrownBy(() -> sql("DROP NAMESPACE " + CATALOG + ".full"))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("`full`");
        assertThat(warehouse.resolve("full").resolve("prices")).isDirectory();

        sql("DROP NAMESPACE " + CATALOG + ".full CASCADE");
        assertThat(warehouse.resolve("full")).doesNotExist();
    }

    @Test
    void dropNamespaceDeletesAnEmptyOne() {
        sql("CREATE NAMESPACE " + CATALOG + ".empty");
        sql("DROP NAMESPACE " + CATALOG + ".empty");

        assertThat(warehouse.resolve("empty")).doesNotExist();
        assertThat(rows("SHOW NAMESPACES IN " + CATALOG)).doesNotContain(row("empty"));
    }

    /** Spark asks whether a namespace is empty before dropping it; the catalog refuses too, for callers of its API. */
    @Test
    void dropNamespaceRefusesOtherFilesThroughTheCatalogApi() throws Exception {
        sql("CREATE NAMESPACE " + CATALOG + ".notes");
        Files.writeString(warehouse.resolve("notes").resolve("README.txt"), "not a table");
        SupportsNamespaces catalog = (SupportsNamespaces) CatalogTestSupport.spark().sessionState().catalogManager().catalog(CATALOG);

        assertThatThrownBy(() -> catalog.dropNamespace(new String[] {"notes"}, false))
                .isInstanceOf(NonEmptyNamespaceException.class)
                .hasMessageContaining("notes");
        assertThat(warehouse.resolve("notes").resolve("README.txt")).exists();
        assertThat(catalog.dropNamespace(new String[] {"notes"}, true)).isTrue();
        assertThat(warehouse.resolve("notes")).doesNotExist();
    }

    @Test
    void createNamespaceRefusesAnExistingOneAndProperties() {
        sql("CREATE NAMESPACE " + CATALOG + ".existing");

        assertThatThrownBy(() -> sql("CREATE NAMESPACE " + CATALOG + ".existing"))
                .isInstanceOf(NamespaceAlreadyExistsException.class).hasMessageContaining("existing");
        sql("CREATE NAMESPACE IF NOT EXISTS " + CATALOG + ".existing");
        assertThatThrownBy(() -> sql("CREATE NAMESPACE " + CATALOG + ".commented COMMENT 'sales data'"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Namespace " + CATALOG + ".commented cannot take property 'comment'");
        assertThat(warehouse.resolve("commented")).doesNotExist();
    }

    @Test
    void unknownNamespaceIsReportedByName() {
        assertThatThrownBy(() -> sql("SHOW TABLES IN " + CATALOG + ".nowhere"))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("`nowhere`");
        assertThatThrownBy(() -> sql("CREATE TABLE " + CATALOG + ".nowhere.prices (key STRING, event_time TIMESTAMP)"))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("`nowhere`");
        assertThatThrownBy(() -> sql("DROP NAMESPACE " + CATALOG + ".nowhere"))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("`nowhere`");
        assertThat(warehouse.resolve("nowhere")).doesNotExist();
    }
}
