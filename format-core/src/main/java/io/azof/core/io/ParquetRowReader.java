package io.azof.core.io;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.MissingDataFileException;
import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.TableSchema;
import io.azof.core.time.Micros;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of one data file as {@code Object[]}: {@code [key, eventTimeMicros, payload...]} where
 * the payload holds only the requested columns, in the requested order. Only those columns are decoded:
 * the reader asks Parquet for a projected schema, so other column chunks are never read.
 *
 * <p>Values: strings as {@link String}, integers as {@link Long}, booleans as {@link Boolean}, timestamps
 * as epoch microseconds in a {@link Long}; null for absent optional values.
 */
public final class ParquetRowReader implements CloseableIterator<Object[]> {
    private final String fileName;
    private final ParquetFileReader reader;
    private final MessageType requested;
    private final MessageColumnIO columnIO;
    private final RowMaterializer materializer;
    private RecordReader<Object[]> rowGroupRecords;
    private long rowsLeftInGroup;
    private Object[] next;

    private ParquetRowReader(String fileName, ParquetFileReader reader, MessageType fileSchema,
                             MessageType requested, List<ValueKind> kinds) {
        this.fileName = fileName;
        this.reader = reader;
        this.requested = requested;
        this.columnIO = new ColumnIOFactory().getColumnIO(requested, fileSchema);
        this.materializer = new RowMaterializer(kinds);
        reader.setRequestedSchema(requested);
    }

    /**
     * Opens {@code file} and checks that the key, the event time and every requested column exist with
     * types matching the snapshot schema.
     *
     * @throws MissingDataFileException when the file does not exist
     * @throws SchemaMismatchException naming the file and the column that does not match
     */
    public static ParquetRowReader open(TableStorage storage, String file, TableSchema schema,
                                        List<String> requestedColumns) {
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(storage.inputFile(file));
        } catch (FileNotFoundException e) {
            throw new MissingDataFileException("Data file " + file + " is listed in the table's snapshot but does not exist: "
                    + storage.location(file), e);
        } catch (IOException e) {
            throw new AzofException("Cannot open data file " + storage.location(file) + ": " + e.getMessage(), e);
        }
        try {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            List<ValueKind> kinds = new ArrayList<>();
            fields.add(field(fileSchema, file, TableSchema.KEY_COLUMN, ColumnType.STRING));
            kinds.add(ValueKind.STRING);
            Type eventTime = field(fileSchema, file, TableSchema.EVENT_TIME_COLUMN, ColumnType.DATE_TIME);
            fields.add(eventTime);
            kinds.add(ValueKind.timestamp(eventTime.asPrimitiveType()));
            for (String name : requestedColumns) {
                Column column = schema.column(name).orElseThrow(() -> new IllegalArgumentException(
                        "column " + name + " is not in the table schema"));
                Type type = field(fileSchema, file, name, column.type());
                fields.add(type);
                kinds.add(ValueKind.of(column.type(), type.asPrimitiveType()));
            }
            return new ParquetRowReader(file, reader, fileSchema, new MessageType(fileSchema.getName(), fields), kinds);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    private static Type field(MessageType fileSchema, String file, String name, ColumnType expected) {
        if (!fileSchema.containsField(name)) {
            throw new SchemaMismatchException("Data file " + file + " has no column '" + name
                    + "', which the table schema declares as " + expected.jsonName());
        }
        Type type = fileSchema.getType(name);
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED) || !matches(type.asPrimitiveType(), expected)) {
            throw new SchemaMismatchException("Data file " + file + " stores column '" + name + "' as " + type
                    + ", but the table schema declares it as " + expected.jsonName());
        }
        return type;
    }

    private static boolean matches(PrimitiveType type, ColumnType expected) {
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (expected) {
            case STRING -> physical == PrimitiveTypeName.BINARY
                    && (logical == null || logical.equals(LogicalTypeAnnotation.stringType()));
            case INT -> (physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32)
                    && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation);
            case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN;
            case DATE_TIME -> physical == PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation;
        };
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (rowsLeftInGroup == 0 && !advanceRowGroup()) {
                return false;
            }
            rowsLeftInGroup--;
            next = rowGroupRecords.read();
        }
        return true;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = next;
        next = null;
        return row;
    }

    private boolean advanceRowGroup() {
        try {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            rowsLeftInGroup = pages.getRowCount();
            rowGroupRecords = columnIO.getRecordReader(pages, materializer);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read data file " + fileName, e);
        }
    }

    /** The Parquet schema actually requested from the file (the projection). */
    public MessageType requestedSchema() {
        return requested;
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(ParquetFileReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Closing a read-only file cannot lose data; the read's own outcome is what matters.
        }
    }

    /** How a stored value becomes the row value. */
    private record ValueKind(ColumnType type, TimeUnit unit) {
        static final ValueKind STRING = new ValueKind(ColumnType.STRING, null);

        static ValueKind of(ColumnType type, PrimitiveType stored) {
            return type == ColumnType.DATE_TIME ? timestamp(stored) : new ValueKind(type, null);
        }

        static ValueKind timestamp(PrimitiveType stored) {
            var annotation = (TimestampLogicalTypeAnnotation) stored.getLogicalTypeAnnotation();
            TimeUnit unit = switch (annotation.getUnit()) {
                case MILLIS -> TimeUnit.MILLISECONDS;
                case MICROS -> TimeUnit.MICROSECONDS;
                case NANOS -> TimeUnit.NANOSECONDS;
            };
            return new ValueKind(ColumnType.DATE_TIME, unit);
        }
    }

    private static final class RowMaterializer extends RecordMaterializer<Object[]> {
        private final RowConverter root;

        RowMaterializer(List<ValueKind> kinds) {
            this.root = new RowConverter(kinds);
        }

        @Override
        public Object[] getCurrentRecord() {
            return root.row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private static final class RowConverter extends GroupConverter {
        private final Converter[] fields;
        private final int width;
        private Object[] row;

        RowConverter(List<ValueKind> kinds) {
            this.width = kinds.size();
            this.fields = new Converter[width];
            for (int i = 0; i < width; i++) {
                fields[i] = valueConverter(i, kinds.get(i));
            }
        }

        private PrimitiveConverter valueConverter(int slot, ValueKind kind) {
            return switch (kind.type()) {
                case STRING -> new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary value) {
                        row[slot] = value.toStringUsingUTF8();
                    }
                };
                case INT -> new PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        row[slot] = value;
                    }

                    @Override
                    public void addInt(int value) {
                        row[slot] = (long) value;
                    }
                };
                case BOOLEAN -> new PrimitiveConverter() {
                    @Override
                    public void addBoolean(boolean value) {
                        row[slot] = value;
                    }
                };
                case DATE_TIME -> new PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        row[slot] = Micros.fromUnit(value, kind.unit());
                    }
                };
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            row = new Object[width];
        }

        @Override
        public void end() {
        }
    }
}
