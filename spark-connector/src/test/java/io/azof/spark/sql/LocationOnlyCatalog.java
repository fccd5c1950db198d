package io.azof.spark.sql;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A catalog that knows nothing of azof: it hands out tables that are nothing but their properties, as any catalog
 * that records where a table lives does. azof_as_of must find an azof table through it by its {@code location}
 * property alone. Tables are registered by the test ({@link #register}), because Spark creates the catalog itself.
 */
public final class LocationOnlyCatalog implements TableCatalog {
    private static final Map<String, Map<String, String>> TABLES = new ConcurrentHashMap<>();

    private String name;

    /** Makes {@code namespace.table} (one namespace level) a table with these properties. */
    static void register(String namespace, String table, Map<String, String> properties) {
        TABLES.put(namespace + "." + table, Map.copyOf(properties));
    }

    @Override
    public void initialize(String name, CaseInsensitiveStringMap options) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Identifier[] listTables(String[] namespace) {
        return TABLES.keySet().stream()
                .map(key -> key.split("\\."))
                .filter(parts -> parts[0].equals(String.join(".", namespace)))
                .map(parts -> Identifier.of(new String[] {parts[0]}, parts[1]))
                .toArray(Identifier[]::new);
    }

    @Override
    public Table loadTable(Identifier ident) throws NoSuchTableException {
        Map<String, String> properties = TABLES.get(String.join(".", ident.namespace()) + "." + ident.name());
        if (properties == null) {
            throw new NoSuchTableException(ident);
        }
        return new PropertiesOnlyTable(ident.toString(), properties);
    }

    @Override
    public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
        throw new UnsupportedOperationException("read-only test catalog");
    }

    @Override
    public Table alterTable(Identifier ident, TableChange... changes) {
        throw new UnsupportedOperationException("read-only test catalog");
    }

    @Override
    public boolean dropTable(Identifier ident) {
        throw new UnsupportedOperationException("read-only test catalog");
    }

    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) {
        throw new UnsupportedOperationException("read-only test catalog");
    }

    /** A catalog of something other than tables (functions, say): a name in it can be no table. */
    public static final class NoTables implements CatalogPlugin {
        private String name;

        @Override
        public void initialize(String name, CaseInsensitiveStringMap options) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }

    private record PropertiesOnlyTable(String name, Map<String, String> properties) implements Table {
        @Override
        @SuppressWarnings("deprecation")
        public StructType schema() {
            return new StructType();
        }

        @Override
        public Set<TableCapability> capabilities() {
            return Set.of();
        }
    }
}
