package io.azof.core.io.parquet;

import io.azof.core.types.ArrayType;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps azof types to Parquet types exactly as Spark's default (non-legacy) Parquet writer does, with
 * timestamps as {@code int64 TIMESTAMP(MICROS,true)} (Spark's {@code outputTimestampType=TIMESTAMP_MICROS}),
 * so Spark reads our files with its own reader and we read Spark's:
 * <pre>
 * string    binary (STRING)            decimal p&lt;=9   int32 (DECIMAL(p,s))
 * binary    binary                     decimal p&lt;=18  int64 (DECIMAL(p,s))
 * boolean   boolean                    decimal p&gt;18   fixed_len_byte_array(n) (DECIMAL(p,s)), n minimal for p
 * byte      int32 (INTEGER(8,true))    date         int32 (DATE)
 * short     int32 (INTEGER(16,true))   timestamp    int64 (TIMESTAMP(MICROS,true))
 * integer   int32                      struct       group
 * long      int64                      float, double  float, double
 * array     group (LIST) { repeated group list { &lt;element&gt; element; } }
 * map       group (MAP) { repeated group key_value { required &lt;key&gt; key; &lt;value&gt; value; } }
 * </pre>
 * A nullable field (or element, or map value) is {@code optional}, any other {@code required}.
 */
public final class ParquetSchemas {
    static final String MESSAGE_NAME = "azof_schema";
    static final String LIST_GROUP = "list";
    static final String LIST_ELEMENT = "element";
    static final String MAP_GROUP = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";

    private ParquetSchemas() {
    }

    /**
     * The Parquet schema of files holding rows of {@code schema}.
     *
     * @throws IllegalArgumentException for a struct without fields (anywhere), which Parquet cannot store
     */
    public static MessageType toParquet(StructType schema) {
        return new MessageType(MESSAGE_NAME, fields(schema, ""));
    }

    private static List<Type> fields(StructType struct, String path) {
        if (struct.size() == 0) {
            throw new IllegalArgumentException("struct " + (path.isEmpty() ? "schema" : "field " + path)
                    + " has no fields; Parquet cannot store an empty group");
        }
        List<Type> fields = new ArrayList<>();
        for (StructField field : struct.fields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            fields.add(toParquet(field.name(), field.type(), field.nullable(), fieldPath));
        }
        return fields;
    }

    private static Type toParquet(String name, DataType type, boolean nullable, String path) {
        Type.Repetition repetition = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (type instanceof StructType struct) {
            return Types.buildGroup(repetition).addFields(fields(struct, path).toArray(Type[]::new)).named(name);
        }
        if (type instanceof ArrayType array) {
            Type element = toParquet(LIST_ELEMENT, array.elementType(), array.containsNull(), path + "." + LIST_ELEMENT);
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named(LIST_GROUP))
                    .named(name);
        }
        if (type instanceof MapType map) {
            Type key = toParquet(MAP_KEY, map.keyType(), false, path + "." + MAP_KEY);
            Type value = toParquet(MAP_VALUE, map.valueType(), map.valueContainsNull(), path + "." + MAP_VALUE);
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup().addField(key).addField(value).named(MAP_GROUP))
                    .named(name);
        }
        if (type instanceof DecimalType decimal) {
            LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision());
            if (decimal.precision() <= 9) {
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
            }
            if (decimal.precision() <= 18) {
                return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(minBytesForPrecision(decimal.precision())).as(annotation).named(name);
        }
        return switch ((PrimitiveType) type) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case BYTE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case SHORT -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INTEGER -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
        };
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits (Spark's rule). */
    static int minBytesForPrecision(int precision) {
        BigInteger limit = BigInteger.TEN.pow(precision);
        int bytes = 1;
        while (BigInteger.TWO.pow(8 * bytes - 1).compareTo(limit) < 0) {
            bytes++;
        }
        return bytes;
    }
}
