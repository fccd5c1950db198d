package io.azof.core.io.parquet;

import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.TableSchema;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes rows {@code [key, eventTimeMicros, payload...]} (all schema columns, in schema order) as a data
 * file in the azof 0.2.1 layout: a required string {@code key}, a required {@code event_time} stored as
 * UTC milliseconds, then the payload columns. Values use the representation of
 * {@link io.azof.core.types.DataType} for the matching types (DateTime as epoch microseconds).
 */
public final class LegacyDataFileWriter implements Closeable {
    private final ParquetWriter<Object[]> writer;

    private LegacyDataFileWriter(ParquetWriter<Object[]> writer) {
        this.writer = writer;
    }

    /** Creates {@code file}, replacing any file of that name. */
    public static LegacyDataFileWriter create(TableStorage storage, String file, TableSchema schema) throws IOException {
        MessageType parquetSchema = parquetSchema(schema);
        OutputFile out = storage.outputFile(file);
        ParquetWriter<Object[]> writer = new Builder(out, parquetSchema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withConf(new Configuration(false))
                .build();
        return new LegacyDataFileWriter(writer);
    }

    /** The Parquet schema azof 0.2.1 data files have for {@code schema}. */
    public static MessageType parquetSchema(TableSchema schema) {
        List<Type> fields = new ArrayList<>();
        fields.add(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TableSchema.KEY_COLUMN));
        fields.add(Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS))
                .named(TableSchema.EVENT_TIME_COLUMN));
        for (Column column : schema.columns()) {
            Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            fields.add(switch (column.type()) {
                case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                        .named(column.name());
                case INT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
                case DATE_TIME -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(column.name());
            });
        }
        return new MessageType("azof", fields);
    }

    public void write(Object[] row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            if (row.length != schema.getFieldCount()) {
                throw new IllegalArgumentException("row has " + row.length + " values, the file has "
                        + schema.getFieldCount() + " columns");
            }
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                Type field = schema.getType(i);
                if (value == null) {
                    if (field.isRepetition(Type.Repetition.REQUIRED)) {
                        throw new IllegalArgumentException("column '" + field.getName() + "' is required but the row has null");
                    }
                    continue;
                }
                consumer.startField(field.getName(), i);
                writeValue(field, value);
                consumer.endField(field.getName(), i);
            }
            consumer.endMessage();
        }

        private void writeValue(Type field, Object value) {
            PrimitiveTypeName physical = field.asPrimitiveType().getPrimitiveTypeName();
            boolean millisTimestamp = field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
            switch (physical) {
                case BINARY -> consumer.addBinary(Binary.fromString((String) value));
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case INT64 -> consumer.addLong(millisTimestamp ? Math.floorDiv((Long) value, 1_000L) : (Long) value);
                default -> throw new IllegalStateException("unexpected column type " + field);
            }
        }
    }
}
