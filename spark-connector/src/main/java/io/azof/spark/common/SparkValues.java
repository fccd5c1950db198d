package io.azof.spark.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Converts values between azof's representation (see {@link io.azof.core.types.DataType}) and Spark's
 * internal one. Dates, timestamps and numbers are alike on both sides; strings, decimals and nested
 * values differ.
 */
public final class SparkValues {
    private SparkValues() {
    }

    /** An azof value of {@code type} as Spark's internal value. */
    public static Object toSpark(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type instanceof StringType) {
            return UTF8String.fromString((String) value);
        }
        if (type instanceof DecimalType decimal) {
            return Decimal.apply((BigDecimal) value, decimal.precision(), decimal.scale());
        }
        if (type instanceof StructType struct) {
            Object[] fields = (Object[]) value;
            Object[] converted = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                converted[i] = toSpark(struct.fields()[i].dataType(), fields[i]);
            }
            return new GenericInternalRow(converted);
        }
        if (type instanceof ArrayType array) {
            List<?> elements = (List<?>) value;
            Object[] converted = new Object[elements.size()];
            for (int i = 0; i < converted.length; i++) {
                converted[i] = toSpark(array.elementType(), elements.get(i));
            }
            return new GenericArrayData(converted);
        }
        if (type instanceof MapType map) {
            Map<?, ?> entries = (Map<?, ?>) value;
            Object[] keys = new Object[entries.size()];
            Object[] values = new Object[entries.size()];
            int i = 0;
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                keys[i] = toSpark(map.keyType(), entry.getKey());
                values[i] = toSpark(map.valueType(), entry.getValue());
                i++;
            }
            return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
        }
        return value;
    }

    /** Field {@code ordinal} of a Spark row as an azof value. */
    public static Object fromSpark(InternalRow row, int ordinal, DataType type) {
        if (row.isNullAt(ordinal)) {
            return null;
        }
        return fromSpark(row.get(ordinal, type), type);
    }

    private static Object fromSpark(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof StringType) {
            return value.toString();
        }
        if (type instanceof DecimalType decimal) {
            return ((Decimal) value).toJavaBigDecimal().setScale(decimal.scale());
        }
        if (type instanceof StructType struct) {
            InternalRow nested = (InternalRow) value;
            Object[] fields = new Object[struct.fields().length];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fromSpark(nested, i, struct.fields()[i].dataType());
            }
            return fields;
        }
        if (type instanceof ArrayType array) {
            ArrayData data = (ArrayData) value;
            List<Object> elements = new ArrayList<>(data.numElements());
            for (int i = 0; i < data.numElements(); i++) {
                elements.add(data.isNullAt(i) ? null : fromSpark(data.get(i, array.elementType()), array.elementType()));
            }
            return elements;
        }
        if (type instanceof MapType map) {
            MapData data = (MapData) value;
            ArrayData keys = data.keyArray();
            ArrayData values = data.valueArray();
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < data.numElements(); i++) {
                entries.put(fromSpark(keys.get(i, map.keyType()), map.keyType()),
                        values.isNullAt(i) ? null : fromSpark(values.get(i, map.valueType()), map.valueType()));
            }
            return entries;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return value;
    }
}
