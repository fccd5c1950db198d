package io.azof.spark.common;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.SchemaJson;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Translates between azof's engine-neutral schemas and Spark's. Both use Spark's JSON schema format, so
 * the translation is a round trip through it.
 *
 * <p>azof 0.2.1 payload columns are always nullable in Spark, whatever the snapshot declares: azof 0.2.1
 * writes every column as optional in Parquet and does not enforce its own {@code "nullable": false} (the
 * reference table financials declares {@code industry} non-null and holds nulls in it). Spark trusts a
 * non-null declaration and compiles null checks away, so passing it on would turn such data into
 * NullPointerExceptions or wrong filter results. Tables this project writes enforce nullability on write,
 * so their declarations are kept.
 */
public final class SparkSchemas {
    private SparkSchemas() {
    }

    /**
     * The Spark schema of a table with this definition. The definition alone says whether the table is azof 0.2.1's (its
     * format version) and holds its columns, so a read resolves its schema from a version's head, not its file listing.
     */
    public static StructType toSpark(TableDefinition table) {
        StructType schema = (StructType) toSpark(table.schema());
        if (!table.isLegacy()) {
            return schema;
        }
        StructField[] fields = schema.fields().clone();
        for (int i = 0; i < fields.length; i++) {
            boolean keyOrTime = table.keyColumns().contains(fields[i].name()) || fields[i].name().equals(table.eventTimeColumn());
            fields[i] = DataTypes.createStructField(fields[i].name(), fields[i].dataType(), !keyOrTime);
        }
        return DataTypes.createStructType(fields);
    }

    public static DataType toSpark(io.azof.core.types.DataType type) {
        return DataType.fromJson(SchemaJson.toJson(type));
    }

    /**
     * The azof type of a Spark type; Spark types azof cannot store (intervals, timestamp_ntz, char and
     * varchar, null) are rejected with a message naming the type.
     */
    public static io.azof.core.types.StructType toAzof(StructType schema) {
        return (io.azof.core.types.StructType) SchemaJson.parse("the schema of the data being written", schema.json());
    }
}
