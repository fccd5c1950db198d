package io.azof.spark.maintenance;

import io.azof.spark.SharedSpark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The prices table the maintenance tests write through the azof data source: a key, an event time and a price. */
final class PriceTables {
    static final StructType PRICES = new StructType()
            .add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("price", DataTypes.LongType);

    private PriceTables() {
    }

    /** A row of {@link #PRICES}: the key's price at midnight UTC of the day ({@code yyyy-MM-dd}). */
    static Object[] price(String key, String day, long price) {
        return new Object[] {key, Instant.parse(day + "T00:00:00Z"), price};
    }

    /** Appends the rows to the table with the write options. */
    static void append(String table, Map<String, String> options, Object[]... values) {
        save(table, "append", options, values);
    }

    /** Writes the rows to the table in the save mode ({@code append}, {@code overwrite}) with the write options. */
    static void save(String table, String mode, Map<String, String> options, Object[]... values) {
        List<Row> rows = new ArrayList<>();
        for (Object[] v : values) {
            rows.add(RowFactory.create(v));
        }
        SharedSpark.session().createDataFrame(rows, PRICES).write().format("azof").mode(mode).options(options).save(table);
    }
}
