package io.azof.core.io.parquet;

import io.azof.core.types.ArrayType;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Turns Parquet's record events into values of the {@link io.azof.core.types.DataType} representation.
 * The converter tree mirrors the requested schema (already checked by {@link ParquetProjection}); each
 * converter hands its finished value to a sink set up by its parent, so a row allocates only its values.
 * An absent optional value produces no events at all, which leaves the slot's initial null in place.
 */
final class RowConverters {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private RowConverters() {
    }

    /** Where a converter puts the value it has finished. */
    private interface Sink {
        void accept(Object value);
    }

    /**
     * Rows of {@code schema} from records of {@code requested}, whose field j fills slot {@code slots[j]}: the
     * slots of columns the file lacks stay null.
     */
    static RecordMaterializer<Object[]> materializer(StructType schema, MessageType requested, int[] slots) {
        StructConverter root = new StructConverter(schema, requested, null, slots);
        return new RecordMaterializer<>() {
            @Override
            public Object[] getCurrentRecord() {
                return root.current;
            }

            @Override
            public GroupConverter getRootConverter() {
                return root;
            }
        };
    }

    private static Converter converter(DataType type, Type stored, Sink sink) {
        if (type instanceof StructType struct) {
            return new StructConverter(struct, stored.asGroupType(), sink, null);
        }
        if (type instanceof ArrayType array) {
            return new ListConverter(array, stored.asGroupType(), sink);
        }
        if (type instanceof MapType map) {
            return new MapConverter(map, stored.asGroupType(), sink);
        }
        if (type instanceof DecimalType decimal) {
            return decimalConverter(decimal.scale(), sink);
        }
        return switch ((PrimitiveType) type) {
            case STRING -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    sink.accept(value.toStringUsingUTF8());
                }
            };
            case BINARY -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    // Parquet may hand out its page or dictionary buffer; the row gets its own array.
                    byte[] bytes = new byte[value.length()];
                    value.toByteBuffer().get(bytes);
                    sink.accept(bytes);
                }
            };
            case BOOLEAN -> new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    sink.accept(value);
                }
            };
            case BYTE -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept((byte) value);
                }
            };
            case SHORT -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept((short) value);
                }
            };
            case INTEGER, DATE -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept(value);
                }
            };
            case LONG -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept((long) value);
                }

                @Override
                public void addLong(long value) {
                    sink.accept(value);
                }
            };
            case FLOAT -> new PrimitiveConverter() {
                @Override
                public void addFloat(float value) {
                    sink.accept(value);
                }
            };
            case DOUBLE -> new PrimitiveConverter() {
                @Override
                public void addFloat(float value) {
                    // A float column the table widened to double after this file was written: exact.
                    sink.accept((double) value);
                }

                @Override
                public void addDouble(double value) {
                    sink.accept(value);
                }
            };
            case TIMESTAMP -> timestampConverter(stored.asPrimitiveType(), sink);
        };
    }

    private static PrimitiveConverter decimalConverter(int scale, Sink sink) {
        return new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                sink.accept(BigDecimal.valueOf(value, scale));
            }

            @Override
            public void addLong(long value) {
                sink.accept(BigDecimal.valueOf(value, scale));
            }

            @Override
            public void addBinary(Binary value) {
                sink.accept(new BigDecimal(new BigInteger(value.getBytesUnsafe()), scale));
            }
        };
    }

    private static PrimitiveConverter timestampConverter(org.apache.parquet.schema.PrimitiveType stored, Sink sink) {
        if (stored.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            return new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    // Spark's and Impala's int96: nanoseconds of the day, then the Julian day, both little-endian.
                    ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    long nanosOfDay = bytes.getLong();
                    long julianDay = bytes.getInt();
                    sink.accept((julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1_000L));
                }
            };
        }
        var unit = ((TimestampLogicalTypeAnnotation) stored.getLogicalTypeAnnotation()).getUnit();
        return new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
                sink.accept(switch (unit) {
                    case MILLIS -> Math.multiplyExact(value, 1_000L);
                    case MICROS -> value;
                    case NANOS -> Math.floorDiv(value, 1_000L);
                });
            }
        };
    }

    /** A struct, or the row itself at the root (no sink: the materializer takes {@link #current}). */
    private static final class StructConverter extends GroupConverter {
        private final Converter[] fields;
        private final Sink sink;
        private Object[] current;

        private final int width;

        /** @param slots the slot of each stored field in the value; null when they are the struct's fields in order */
        StructConverter(StructType type, GroupType stored, Sink sink, int[] slots) {
            this.sink = sink;
            this.width = type.size();
            this.fields = new Converter[stored.getFieldCount()];
            for (int i = 0; i < fields.length; i++) {
                int slot = slots == null ? i : slots[i];
                fields[i] = converter(type.field(slot).type(), stored.getType(i), value -> current[slot] = value);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            current = new Object[width];
        }

        @Override
        public void end() {
            if (sink != null) {
                sink.accept(current);
            }
        }
    }

    /** {@code group (LIST) { repeated group list { element; } }}: one repeated group per element. */
    private static final class ListConverter extends GroupConverter {
        private final Sink sink;
        private final GroupConverter repeated;
        private List<Object> current;

        ListConverter(ArrayType type, GroupType stored, Sink sink) {
            this.sink = sink;
            GroupType repeatedType = stored.getType(0).asGroupType();
            this.repeated = new GroupConverter() {
                private final Converter element = converter(type.elementType(), repeatedType.getType(0), value -> pending = value);
                private Object pending;

                @Override
                public Converter getConverter(int fieldIndex) {
                    return element;
                }

                @Override
                public void start() {
                    pending = null;
                }

                @Override
                public void end() {
                    current.add(pending);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            current = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.accept(current);
        }
    }

    /** {@code group (MAP) { repeated group key_value { key; value; } }}: one repeated group per entry. */
    private static final class MapConverter extends GroupConverter {
        private final Sink sink;
        private final GroupConverter keyValue;
        private Map<Object, Object> current;

        MapConverter(MapType type, GroupType stored, Sink sink) {
            this.sink = sink;
            GroupType keyValueType = stored.getType(0).asGroupType();
            this.keyValue = new GroupConverter() {
                private final Converter key = converter(type.keyType(), keyValueType.getType(0), value -> pendingKey = value);
                private final Converter value = converter(type.valueType(), keyValueType.getType(1), v -> pendingValue = v);
                private Object pendingKey;
                private Object pendingValue;

                @Override
                public Converter getConverter(int fieldIndex) {
                    return fieldIndex == 0 ? key : value;
                }

                @Override
                public void start() {
                    pendingKey = null;
                    pendingValue = null;
                }

                @Override
                public void end() {
                    current.put(pendingKey, pendingValue);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return keyValue;
        }

        @Override
        public void start() {
            current = new LinkedHashMap<>();
        }

        @Override
        public void end() {
            sink.accept(current);
        }
    }
}
