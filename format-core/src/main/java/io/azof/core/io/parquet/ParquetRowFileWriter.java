package io.azof.core.io.parquet;

import io.azof.core.types.DataType;
import io.azof.core.types.StructType;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of any {@link StructType} (values in the {@link DataType} representation, nested types
 * included) as a SNAPPY-compressed Parquet file with the schema {@link ParquetSchemas#toParquet} gives.
 *
 * <p>A row that cannot be written (a null where the schema forbids one, a value of the wrong class, a
 * decimal of the wrong scale) throws {@link IllegalArgumentException} naming the field path, e.g.
 * {@code tags.element.name}. Parquet may have taken part of that row, so the file is then unusable:
 * further writes are refused and the caller must close and delete it.
 */
public final class ParquetRowFileWriter implements Closeable {
    private final ParquetWriter<Object[]> writer;
    private boolean failed;

    /**
     * How a file is written. Defaults are Parquet's (128 MiB row groups, 1 MiB pages, dictionary encoding);
     * {@code overwrite} is off because data files are immutable and uniquely named, so an existing file
     * means a bug.
     *
     * @param footerMetadata key/value pairs stored in the file footer
     * @param plainColumns top-level columns written without dictionary encoding: columns whose values
     *     rarely repeat within a file (keys of sorted runs, event times), where a dictionary only costs
     *     time on both ends before Parquet gives up on it
     */
    public record Options(long rowGroupSizeBytes, int pageSizeBytes, boolean overwrite, Map<String, String> footerMetadata,
                          Set<String> plainColumns) {
        public Options {
            footerMetadata = Map.copyOf(footerMetadata);
            plainColumns = Set.copyOf(plainColumns);
        }

        public static Options defaults() {
            return new Options(ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.DEFAULT_PAGE_SIZE, false, Map.of(), Set.of());
        }

        public Options withRowGroupSize(long bytes) {
            return new Options(bytes, pageSizeBytes, overwrite, footerMetadata, plainColumns);
        }

        public Options withPageSize(int bytes) {
            return new Options(rowGroupSizeBytes, bytes, overwrite, footerMetadata, plainColumns);
        }

        public Options withOverwrite(boolean replaceExisting) {
            return new Options(rowGroupSizeBytes, pageSizeBytes, replaceExisting, footerMetadata, plainColumns);
        }

        public Options withFooterMetadata(Map<String, String> metadata) {
            return new Options(rowGroupSizeBytes, pageSizeBytes, overwrite, metadata, plainColumns);
        }

        public Options withPlainColumns(Set<String> columns) {
            return new Options(rowGroupSizeBytes, pageSizeBytes, overwrite, footerMetadata, columns);
        }
    }

    private ParquetRowFileWriter(ParquetWriter<Object[]> writer) {
        this.writer = writer;
    }

    /**
     * Creates {@code file} for rows of {@code schema}.
     *
     * @throws IllegalArgumentException when the schema has an empty struct, which Parquet cannot store
     */
    public static ParquetRowFileWriter create(OutputFile file, StructType schema, Options options) throws IOException {
        return new ParquetRowFileWriter(open(file, schema, options, ParquetRowWriter.ofValues(schema)));
    }

    /**
     * Creates {@code file} for rows of {@code schema} held in another representation, which {@code rows} writes: the same
     * file, encodings and footer as {@link #create} gives for the same values. Parquet's writer is returned as it is; a
     * row that fails to write leaves the file unusable, as with {@link #write}.
     *
     * @throws IllegalArgumentException when the schema has an empty struct, which Parquet cannot store
     */
    public static <R> ParquetWriter<R> open(OutputFile file, StructType schema, Options options, ParquetRowWriter<R> rows)
            throws IOException {
        MessageType parquetSchema = ParquetSchemas.toParquet(schema);
        Builder<R> builder = new Builder<>(file, parquetSchema, options.footerMetadata(), rows)
                .withWriteMode(options.overwrite() ? ParquetFileWriter.Mode.OVERWRITE : ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(options.rowGroupSizeBytes())
                .withPageSize(options.pageSizeBytes())
                // No site files: the core must behave the same wherever it runs.
                .withConf(new Configuration(false));
        for (String column : options.plainColumns()) {
            builder = builder.withDictionaryEncoding(column, false);
        }
        return builder.build();
    }

    /**
     * Appends a row: one value per schema field, in schema order.
     *
     * @throws IllegalArgumentException naming the field path of a value the schema does not allow
     * @throws IllegalStateException when an earlier row failed, leaving the file unusable
     */
    public void write(Object[] row) throws IOException {
        if (failed) {
            throw new IllegalStateException("an earlier row could not be written and may be partly in the file; "
                    + "close and delete the file");
        }
        try {
            writer.write(row);
        } catch (RuntimeException | IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Bytes written so far plus those buffered for the current row group; for rolling to a new file by size. */
    public long dataSize() {
        return writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder<R> extends ParquetWriter.Builder<R, Builder<R>> {
        private final MessageType parquetSchema;
        private final Map<String, String> footerMetadata;
        private final ParquetRowWriter<R> rows;

        Builder(OutputFile file, MessageType parquetSchema, Map<String, String> footerMetadata, ParquetRowWriter<R> rows) {
            super(file);
            this.parquetSchema = parquetSchema;
            this.footerMetadata = footerMetadata;
            this.rows = rows;
        }

        @Override
        protected Builder<R> self() {
            return this;
        }

        @Override
        protected WriteSupport<R> getWriteSupport(Configuration conf) {
            return new RowWriteSupport<>(parquetSchema, footerMetadata, rows);
        }
    }

    private static final class RowWriteSupport<R> extends WriteSupport<R> {
        private final MessageType parquetSchema;
        private final Map<String, String> footerMetadata;
        private final ParquetRowWriter<R> rows;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType parquetSchema, Map<String, String> footerMetadata, ParquetRowWriter<R> rows) {
            this.parquetSchema = parquetSchema;
            this.footerMetadata = footerMetadata;
            this.rows = rows;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(parquetSchema, new HashMap<>(footerMetadata));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(R row) {
            consumer.startMessage();
            rows.write(consumer, row);
            consumer.endMessage();
        }
    }
}
