package io.azof.core.io.parquet;

import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * One top-level field of a file's schema, written from its value in the {@link io.azof.core.types.DataType} value
 * representation exactly as {@link ParquetRowFileWriter} writes it: for a {@link ParquetRowWriter} of engine rows,
 * the fields (nested, decimal, widened) it converts rather than writes itself.
 */
public final class ParquetFieldWriter {
    private final ValueWriters.FieldWriter writer;

    private ParquetFieldWriter(ValueWriters.FieldWriter writer) {
        this.writer = writer;
    }

    /** The writer of field {@code index} of {@code schema}. */
    public static ParquetFieldWriter of(StructType schema, int index) {
        StructField field = schema.field(index);
        return new ParquetFieldWriter(new ValueWriters.FieldWriter(field.name(), index, field.type(), field.nullable(), field.name()));
    }

    /**
     * Writes the field's value, or nothing for null.
     *
     * @throws IllegalArgumentException naming the field path, for a null the schema forbids or a value it cannot hold
     */
    public void write(RecordConsumer consumer, Object value) {
        writer.write(consumer, value);
    }
}
