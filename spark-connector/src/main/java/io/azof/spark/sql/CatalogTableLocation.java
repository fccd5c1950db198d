package io.azof.spark.sql;

import io.azof.spark.catalog.Warehouse;
import io.azof.spark.common.SparkOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;

/**
 * Where the table a SQL function names lives: a path or URI as given, or the {@code location} property of a table
 * resolved through the session's catalogs, as Spark resolves a name in {@code FROM}: {@code catalog.namespace.table}
 * when the first part names a catalog, otherwise a name in the current catalog (a one-part name in its current
 * namespace). Any catalog whose azof tables carry their directory in {@code location} works.
 */
final class CatalogTableLocation {
    private CatalogTableLocation() {
    }

    /**
     * @param describe how errors name the argument, such as {@code azof_as_of argument 1 (table 'db.t')}
     * @throws FunctionArgumentException when the name does not parse, names no table, or names a table that is not azof's
     */
    static String resolve(SparkSession spark, String table, String describe) {
        if (Warehouse.isPath(table)) {
            return table;
        }
        List<String> parts = parse(spark, table, describe);
        CatalogManager catalogs = spark.sessionState().catalogManager();
        CatalogPlugin catalog;
        List<String> nameInCatalog;
        if (parts.size() > 1 && catalogs.isCatalogRegistered(parts.get(0))) {
            catalog = catalogs.catalog(parts.get(0));
            nameInCatalog = parts.subList(1, parts.size());
        } else {
            catalog = catalogs.currentCatalog();
            nameInCatalog = new ArrayList<>(parts.size() == 1 ? Arrays.asList(catalogs.currentNamespace()) : List.of());
            nameInCatalog.addAll(parts);
        }
        String qualified = catalog.name() + "." + String.join(".", nameInCatalog);
        if (!(catalog instanceof TableCatalog tables)) {
            throw new FunctionArgumentException(describe + ": catalog " + catalog.name() + " holds no tables, so it has no table "
                    + qualified + ". Give the name of an azof table or its path");
        }
        Identifier identifier = Identifier.of(nameInCatalog.subList(0, nameInCatalog.size() - 1).toArray(String[]::new),
                nameInCatalog.get(nameInCatalog.size() - 1));
        Table loaded;
        try {
            loaded = tables.loadTable(identifier);
        } catch (NoSuchTableException e) {
            throw new FunctionArgumentException(describe + ": there is no table " + qualified
                    + " (temporary views are not tables; give the name of an azof table in a catalog, or its path)", e);
        }
        return location(loaded.properties(), qualified, describe);
    }

    /** A table that says it is of another format is refused even with a location: reading its files as azof would fail obscurely. */
    private static String location(Map<String, String> properties, String qualified, String describe) {
        String provider = properties.get(TableCatalog.PROP_PROVIDER);
        if (provider != null && !provider.equalsIgnoreCase(SparkOptions.FORMAT)
                && !provider.equals(SparkOptions.DATA_SOURCE_CLASS)) {
            throw new FunctionArgumentException(describe + ": " + qualified + " is not an azof table (its provider is " + provider + ")");
        }
        String location = properties.get(TableCatalog.PROP_LOCATION);
        if (location == null || location.isBlank()) {
            throw new FunctionArgumentException(describe + ": " + qualified
                    + " has no 'location' property, so it is not an azof table of a catalog azof can read; give the table's path instead");
        }
        return location;
    }

    private static List<String> parse(SparkSession spark, String table, String describe) {
        try {
            List<String> parts = new ArrayList<>();
            scala.collection.Iterator<String> names = spark.sessionState().sqlParser().parseMultipartIdentifier(table).iterator();
            while (names.hasNext()) {
                parts.add(names.next());
            }
            return parts;
        } catch (ParseException e) {
            throw new FunctionArgumentException(describe + ": '" + table
                    + "' is neither a path (starting with / or holding :/) nor a table name such as db.table", e);
        }
    }
}
