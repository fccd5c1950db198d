package io.azof.spark;

import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schema of an azof table: key and event time first, then the payload columns in table order.
 *
 * <p>Payload columns are always nullable, whatever the snapshot declares: azof 0.2.1 writes every
 * column as optional in Parquet and does not enforce its own {@code "nullable": false} (the reference
 * table financials declares {@code industry} non-null and holds nulls in it). Spark trusts a non-null
 * declaration and compiles null checks away, so passing the declaration on would turn such data into
 * NullPointerExceptions or wrong filter results. Key and event time are never null: the merge needs both.
 */
public final class SparkSchemas {
    private SparkSchemas() {
    }

    public static StructType toSpark(TableSchema schema) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(TableSchema.KEY_COLUMN, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(TableSchema.EVENT_TIME_COLUMN, DataTypes.TimestampType, false));
        for (Column column : schema.columns()) {
            fields.add(DataTypes.createStructField(column.name(), toSpark(column.type()), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** azof integers are 64-bit, so Int maps to Spark's bigint; DateTime is an instant, Spark's timestamp. */
    public static DataType toSpark(ColumnType type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DATE_TIME -> DataTypes.TimestampType;
        };
    }
}
