package io.azof.core.io.parquet;

import io.azof.core.types.StructType;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes one row, held in some representation {@code R}, as a Parquet record of the file's schema
 * ({@link ParquetSchemas#toParquet}): for each field with a value, {@code startField}, the value, {@code endField};
 * nothing for a null. The caller has started the message and ends it.
 *
 * <p>{@link ParquetRowFileWriter} writes {@code Object[]} rows of the {@link io.azof.core.types.DataType} value
 * representation with {@link #ofValues}. An engine whose rows are in another representation (Spark's
 * {@code InternalRow}) implements this to write them as they are, rather than converting every row to an
 * {@code Object[]} first, and uses a {@link ParquetFieldWriter} for fields it does not write itself.
 */
public interface ParquetRowWriter<R> {
    void write(RecordConsumer consumer, R row);

    /** Rows as {@code Object[]}: one value per field of {@code schema}, in the DataType value representation. */
    static ParquetRowWriter<Object[]> ofValues(StructType schema) {
        ValueWriters.StructWriter fields = new ValueWriters.StructWriter(schema, "");
        return fields::writeFields;
    }
}
