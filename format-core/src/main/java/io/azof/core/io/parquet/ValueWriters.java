package io.azof.core.io.parquet;

import io.azof.core.types.ArrayType;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Drives a {@link RecordConsumer} from values in the {@link DataType} value representation. The tree of
 * writers is built once per file from the schema, so writing a row does no type dispatch or path
 * building; paths (like {@code tags.element.name}) are kept only for error messages.
 */
final class ValueWriters {
    private ValueWriters() {
    }

    /** Writes one non-null value of a field whose {@code startField} the caller has issued. */
    private interface ValueWriter {
        void write(RecordConsumer consumer, Object value);
    }

    /** The fields of a struct, or the columns of a row when the struct is the file's schema. */
    static final class StructWriter implements ValueWriter {
        private final FieldWriter[] fields;
        private final String path;

        StructWriter(StructType type, String path) {
            this.path = path;
            this.fields = new FieldWriter[type.size()];
            for (int i = 0; i < fields.length; i++) {
                StructField field = type.field(i);
                String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                fields[i] = new FieldWriter(field.name(), i, field.type(), field.nullable(), fieldPath);
            }
        }

        @Override
        public void write(RecordConsumer consumer, Object value) {
            consumer.startGroup();
            writeFields(consumer, (Object[]) value);
            consumer.endGroup();
        }

        void writeFields(RecordConsumer consumer, Object[] values) {
            if (values.length != fields.length) {
                throw new IllegalArgumentException((path.isEmpty() ? "the row" : "struct " + path) + " has " + values.length
                        + " values, but its type has " + fields.length + " fields");
            }
            for (int i = 0; i < fields.length; i++) {
                fields[i].write(consumer, values[i]);
            }
        }
    }

    /** One field of a group: refuses a null where the schema forbids one, and omits the field for a null. */
    static final class FieldWriter {
        private final String name;
        private final int index;
        private final DataType type;
        private final boolean nullable;
        private final String path;
        private final ValueWriter value;

        FieldWriter(String name, int index, DataType type, boolean nullable, String path) {
            this.name = name;
            this.index = index;
            this.type = type;
            this.nullable = nullable;
            this.path = path;
            this.value = valueWriter(type, path);
        }

        void write(RecordConsumer consumer, Object fieldValue) {
            if (fieldValue == null) {
                if (!nullable) {
                    throw new IllegalArgumentException(path + " (" + type + ") may not be null, but the row holds null there");
                }
                return;
            }
            consumer.startField(name, index);
            try {
                value.write(consumer, fieldValue);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException(path + " (" + type + ") takes values of " + javaClass(type)
                        + ", but the row holds a " + fieldValue.getClass().getName(), e);
            }
            consumer.endField(name, index);
        }
    }

    private static ValueWriter valueWriter(DataType type, String path) {
        if (type instanceof StructType struct) {
            return new StructWriter(struct, path);
        }
        if (type instanceof ArrayType array) {
            return listWriter(array, path);
        }
        if (type instanceof MapType map) {
            return mapWriter(map, path);
        }
        if (type instanceof DecimalType decimal) {
            return decimalWriter(decimal, path);
        }
        return switch ((PrimitiveType) type) {
            case STRING -> (consumer, value) -> consumer.addBinary(Binary.fromString((String) value));
            // The caller owns the array and may reuse it; the "reused" Binary copies it wherever Parquet keeps it.
            case BINARY -> (consumer, value) -> consumer.addBinary(Binary.fromReusedByteArray((byte[]) value));
            case BOOLEAN -> (consumer, value) -> consumer.addBoolean((Boolean) value);
            case BYTE -> (consumer, value) -> consumer.addInteger((Byte) value);
            case SHORT -> (consumer, value) -> consumer.addInteger((Short) value);
            case INTEGER, DATE -> (consumer, value) -> consumer.addInteger((Integer) value);
            case LONG, TIMESTAMP -> (consumer, value) -> consumer.addLong((Long) value);
            case FLOAT -> (consumer, value) -> consumer.addFloat((Float) value);
            case DOUBLE -> (consumer, value) -> consumer.addDouble((Double) value);
        };
    }

    private static ValueWriter listWriter(ArrayType type, String path) {
        String elementPath = path + "." + ParquetSchemas.LIST_ELEMENT;
        FieldWriter element = new FieldWriter(ParquetSchemas.LIST_ELEMENT, 0, type.elementType(), type.containsNull(), elementPath);
        return (consumer, value) -> {
            List<?> list = (List<?>) value;
            consumer.startGroup();
            // Parquet forbids a started field without values: an empty list is a group with no repeated field.
            if (!list.isEmpty()) {
                consumer.startField(ParquetSchemas.LIST_GROUP, 0);
                for (Object item : list) {
                    consumer.startGroup();
                    element.write(consumer, item);
                    consumer.endGroup();
                }
                consumer.endField(ParquetSchemas.LIST_GROUP, 0);
            }
            consumer.endGroup();
        };
    }

    private static ValueWriter mapWriter(MapType type, String path) {
        FieldWriter key = new FieldWriter(ParquetSchemas.MAP_KEY, 0, type.keyType(), false, path + "." + ParquetSchemas.MAP_KEY);
        FieldWriter value = new FieldWriter(ParquetSchemas.MAP_VALUE, 1, type.valueType(), type.valueContainsNull(),
                path + "." + ParquetSchemas.MAP_VALUE);
        return (consumer, map) -> {
            Map<?, ?> entries = (Map<?, ?>) map;
            consumer.startGroup();
            if (!entries.isEmpty()) {
                consumer.startField(ParquetSchemas.MAP_GROUP, 0);
                for (Map.Entry<?, ?> entry : entries.entrySet()) {
                    consumer.startGroup();
                    key.write(consumer, entry.getKey());
                    value.write(consumer, entry.getValue());
                    consumer.endGroup();
                }
                consumer.endField(ParquetSchemas.MAP_GROUP, 0);
            }
            consumer.endGroup();
        };
    }

    private static ValueWriter decimalWriter(DecimalType type, String path) {
        int precision = type.precision();
        int width = ParquetSchemas.minBytesForPrecision(precision);
        return (consumer, value) -> {
            BigDecimal decimal = (BigDecimal) value;
            // Rescaling here would hide a caller's bug and could round; the representation fixes the scale.
            if (decimal.scale() != type.scale() || decimal.precision() > precision) {
                throw new IllegalArgumentException(path + " (" + type + ") cannot hold " + decimal.toPlainString()
                        + ": values must have scale " + type.scale() + " and at most " + precision + " digits");
            }
            BigInteger unscaled = decimal.unscaledValue();
            if (precision <= 9) {
                consumer.addInteger(unscaled.intValue());
            } else if (precision <= 18) {
                consumer.addLong(unscaled.longValue());
            } else {
                consumer.addBinary(Binary.fromConstantByteArray(signExtended(unscaled.toByteArray(), width)));
            }
        };
    }

    // fixed_len_byte_array needs exactly `width` bytes; toByteArray gives the fewest, so pad with the sign.
    private static byte[] signExtended(byte[] minimal, int width) {
        byte[] bytes = new byte[width];
        byte pad = minimal[0] < 0 ? (byte) -1 : 0;
        int offset = width - minimal.length;
        for (int i = 0; i < offset; i++) {
            bytes[i] = pad;
        }
        System.arraycopy(minimal, 0, bytes, offset, minimal.length);
        return bytes;
    }

    private static String javaClass(DataType type) {
        if (type instanceof StructType) {
            return "Object[]";
        }
        if (type instanceof ArrayType) {
            return "java.util.List";
        }
        if (type instanceof MapType) {
            return "java.util.Map";
        }
        if (type instanceof DecimalType) {
            return "java.math.BigDecimal";
        }
        return switch ((PrimitiveType) type) {
            case STRING -> "String";
            case BINARY -> "byte[]";
            case BOOLEAN -> "Boolean";
            case BYTE -> "Byte";
            case SHORT -> "Short";
            case INTEGER -> "Integer";
            case DATE -> "Integer (days since 1970-01-01)";
            case LONG -> "Long";
            case TIMESTAMP -> "Long (microseconds since the epoch)";
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
        };
    }
}
