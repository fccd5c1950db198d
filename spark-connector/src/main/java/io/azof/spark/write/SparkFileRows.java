package io.azof.spark.write;

import io.azof.core.io.parquet.ParquetFieldWriter;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.types.StructType;
import io.azof.core.write.PreparedWrite;
import io.azof.core.write.SortedRowWriter;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Placed rows ({@link PlacedRows}), sorted by Spark, as the rows of data files: the core's {@link SortedRowWriter}
 * reads bucket, segment, key and event time from them and writes them as rows of {@link DataFileSchema} (the table's
 * columns, {@code _azof_deleted}, a null {@code _azof_version}) straight from Spark's binary rows. Columns of simple
 * types are written as the core's writer writes their values, byte for byte; the others (decimals, nested types,
 * columns the write widens) are converted to azof values and written by the core's own field writer.
 */
final class SparkFileRows implements SortedRowWriter.Rows<InternalRow> {
    private final PlacedRows placed;
    private final int[] keyOrdinals;
    private final DataType[] keyTypes;
    private final int eventTimeOrdinal;
    private final int deleteOrdinal;
    private UnsafeRow retained;

    SparkFileRows(PlacedRows placed) {
        this.placed = placed;
        this.keyOrdinals = Arrays.stream(placed.keyInputOrdinals()).map(o -> PlacedRows.INPUT + o).toArray();
        this.keyTypes = Arrays.stream(placed.keyInputOrdinals()).mapToObj(placed::inputType).toArray(DataType[]::new);
        this.eventTimeOrdinal = PlacedRows.INPUT + placed.eventTimeInputOrdinal();
        int deleteInput = placed.prepared().deleteInputIndex();
        this.deleteOrdinal = deleteInput < 0 ? -1 : PlacedRows.INPUT + deleteInput;
    }

    @Override
    public ParquetRowWriter<InternalRow> fileRowWriter() {
        PreparedWrite prepared = placed.prepared();
        StructType fileSchema = DataFileSchema.of(prepared.table());
        int columns = prepared.inputIndexOfTableColumn().length;
        FieldWriter[] fields = new FieldWriter[columns];
        for (int i = 0; i < columns; i++) {
            fields[i] = fieldWriter(fileSchema, i);
        }
        String deleted = fileSchema.field(columns).name();
        return (consumer, row) -> {
            for (FieldWriter field : fields) {
                field.write(consumer, row);
            }
            consumer.startField(deleted, columns);
            consumer.addBoolean(isDelete(row));
            consumer.endField(deleted, columns);
            // _azof_version stays null: the file's added version, set by the commit.
        };
    }

    /** Writes table column {@code tableIndex} of a placed row. */
    private interface FieldWriter {
        void write(RecordConsumer consumer, InternalRow row);
    }

    private FieldWriter fieldWriter(StructType fileSchema, int tableIndex) {
        int inputOrdinal = placed.prepared().inputIndexOfTableColumn()[tableIndex];
        int ordinal = PlacedRows.INPUT + inputOrdinal;
        DataType type = placed.inputType(inputOrdinal);
        String name = fileSchema.field(tableIndex).name();
        boolean nullable = fileSchema.field(tableIndex).nullable();
        Value value = placed.prepared().inputTypeToWiden()[tableIndex] != null ? null : value(type, ordinal);
        if (value == null) {
            ParquetFieldWriter converted = ParquetFieldWriter.of(fileSchema, tableIndex);
            return (consumer, row) -> converted.write(consumer, placed.tableValue(row, PlacedRows.INPUT, inputOrdinal, tableIndex));
        }
        return (consumer, row) -> {
            if (row.isNullAt(ordinal)) {
                if (!nullable) {
                    throw new IllegalArgumentException(name + " (" + fileSchema.field(tableIndex).type() + ") may not be null, but the row"
                            + " holds null there");
                }
                return;
            }
            consumer.startField(name, tableIndex);
            value.write(consumer, row);
            consumer.endField(name, tableIndex);
        };
    }

    /** Writes a non-null value of a placed row. */
    private interface Value {
        void write(RecordConsumer consumer, InternalRow row);
    }

    /** The writer of a simple type's values, as the core writes them; null for the types converted first. */
    private static Value value(DataType type, int ordinal) {
        if (type instanceof StringType) {
            return (consumer, row) -> consumer.addBinary(utf8(row.getUTF8String(ordinal)));
        }
        if (type instanceof BinaryType) {
            // The array is the row's copy; "reused" has Parquet copy it wherever it keeps it.
            return (consumer, row) -> consumer.addBinary(Binary.fromReusedByteArray(row.getBinary(ordinal)));
        }
        if (type instanceof BooleanType) {
            return (consumer, row) -> consumer.addBoolean(row.getBoolean(ordinal));
        }
        if (type instanceof ByteType) {
            return (consumer, row) -> consumer.addInteger(row.getByte(ordinal));
        }
        if (type instanceof ShortType) {
            return (consumer, row) -> consumer.addInteger(row.getShort(ordinal));
        }
        if (type instanceof IntegerType || type instanceof DateType) {
            return (consumer, row) -> consumer.addInteger(row.getInt(ordinal));
        }
        if (type instanceof LongType || type instanceof TimestampType) {
            return (consumer, row) -> consumer.addLong(row.getLong(ordinal));
        }
        if (type instanceof FloatType) {
            return (consumer, row) -> consumer.addFloat(row.getFloat(ordinal));
        }
        if (type instanceof DoubleType) {
            return (consumer, row) -> consumer.addDouble(row.getDouble(ordinal));
        }
        return null;
    }

    /**
     * A string's UTF-8 bytes where they lie, without a copy; Parquet copies a "reused" binary wherever it keeps one
     * (statistics, dictionary), since the row's bytes change with the next row.
     */
    private static Binary utf8(UTF8String string) {
        if (string.getBaseObject() instanceof byte[] bytes) {
            return Binary.fromReusedByteArray(bytes, (int) (string.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), string.numBytes());
        }
        return Binary.fromReusedByteArray(string.getBytes());
    }

    @Override
    public int bucket(InternalRow row) {
        return row.getInt(PlacedRows.BUCKET);
    }

    @Override
    public long segmentStartMicros(InternalRow row) {
        return row.getLong(PlacedRows.SEGMENT_START);
    }

    @Override
    public long eventTimeMicros(InternalRow row) {
        return row.getLong(eventTimeOrdinal);
    }

    @Override
    public boolean isDelete(InternalRow row) {
        return deleteOrdinal >= 0 && !row.isNullAt(deleteOrdinal) && row.getBoolean(deleteOrdinal);
    }

    @Override
    public Object[] key(InternalRow row) {
        Object[] key = new Object[keyOrdinals.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = placed.keyValue(row, PlacedRows.INPUT, i);
        }
        return key;
    }

    /**
     * Keys compare equal under azof's key ordering exactly when Spark's values are equal: both rows hold the same
     * type, strings and binaries are equal as bytes, decimals of one type as numbers; keys are never floating point.
     */
    @Override
    public boolean sameKeyAndEventTime(InternalRow a, InternalRow b) {
        return a.getLong(eventTimeOrdinal) == b.getLong(eventTimeOrdinal) && sameKey(a, b);
    }

    @Override
    public boolean sameKey(InternalRow a, InternalRow b) {
        for (int i = 0; i < keyOrdinals.length; i++) {
            int ordinal = keyOrdinals[i];
            boolean equal = keyTypes[i] instanceof BinaryType
                    ? Arrays.equals(a.getBinary(ordinal), b.getBinary(ordinal))
                    : a.get(ordinal, keyTypes[i]).equals(b.get(ordinal, keyTypes[i]));
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    @Override
    public InternalRow retain(InternalRow row) {
        if (!(row instanceof UnsafeRow unsafe)) {
            return row.copy();
        }
        if (retained == null) {
            retained = unsafe.copy();
        } else {
            retained.copyFrom(unsafe);
        }
        return retained;
    }
}
