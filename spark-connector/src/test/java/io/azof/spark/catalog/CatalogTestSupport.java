package io.azof.spark.catalog;

import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import io.azof.spark.AzofCatalog;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * SQL against an {@link AzofCatalog} registered on the shared session. Spark loads a catalog the first time a
 * statement names it and keeps that instance, so each test class registers its own catalog name.
 */
final class CatalogTestSupport {
    private CatalogTestSupport() {
    }

    static SparkSession spark() {
        return SharedSpark.session();
    }

    /** {@code spark.sql.catalog.<name>} = AzofCatalog, with the warehouse when one is given. */
    static void registerCatalog(String name, Path warehouseOrNull) {
        spark().conf().set("spark.sql.catalog." + name, AzofCatalog.class.getName());
        if (warehouseOrNull != null) {
            spark().conf().set("spark.sql.catalog." + name + ".warehouse", warehouseOrNull.toString());
        }
    }

    static Dataset<Row> sql(String statement) {
        return spark().sql(statement);
    }

    static List<List<Object>> rows(String query) {
        return TestSupport.rows(sql(query));
    }

    /** The latest snapshot of the table in a directory, read with format-core, not through the catalog. */
    static Snapshot latest(Path table) {
        return TestTables.localTable(table).latestSnapshot();
    }

    /** Appends rows to the table in a directory with the DataFrame writer (for deletes, which SQL cannot write). */
    static void appendWithDataFrame(Path table, StructType schema, String deleteColumn, Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(RowFactory.create(row));
        }
        var writer = spark().createDataFrame(list, schema).write().format("azof").mode("append");
        if (deleteColumn != null) {
            writer = writer.option("deleteColumn", deleteColumn);
        }
        writer.save(table.toString());
    }

    static Object[] values(Object... values) {
        return values;
    }
}
