package io.azof.core.io.parquet;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.MissingDataFileException;
import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.io.LookaheadIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.types.DataType;
import io.azof.core.types.StructType;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows of a Parquet file as {@code Object[]} holding exactly the projected top-level columns,
 * in the projected order, as values of the {@link DataType} representation (nested types included).
 * Only those columns are decoded: Parquet is given the projected schema, so other column chunks are
 * never read, and their types are never checked. Rows are read one row group at a time.
 */
public final class ParquetRowFileReader extends LookaheadIterator<Object[]> {
    private final String fileName;
    private final ParquetFileReader reader;
    private final StructType schema;
    private final MessageType requested;
    private final MessageColumnIO columnIO;
    private final RecordMaterializer<Object[]> materializer;
    private RecordReader<Object[]> rowGroupRecords;
    private long rowsLeftInGroup;
    private Object[] next;

    private ParquetRowFileReader(String fileName, ParquetFileReader reader, MessageType fileSchema,
                                 ParquetProjection.Projection projection) {
        this.fileName = fileName;
        this.reader = reader;
        this.schema = projection.schema();
        this.requested = projection.requested();
        this.columnIO = new ColumnIOFactory().getColumnIO(requested, fileSchema);
        this.materializer = RowConverters.materializer(schema, requested);
        reader.setRequestedSchema(requested);
    }

    /**
     * Opens {@code file} and checks that every projected column exists in it with a type that can be read
     * as the one {@code expectedSchema} declares.
     *
     * @param fileName names the file in error messages
     * @param projectedColumns top-level columns of {@code expectedSchema} the rows hold, in this order
     * @throws MissingDataFileException naming the file when it does not exist
     * @throws SchemaMismatchException naming the file, the column and both types
     * @throws IllegalArgumentException when a projected column is not in {@code expectedSchema} or repeats
     */
    public static ParquetRowFileReader open(InputFile file, String fileName, StructType expectedSchema,
                                            List<String> projectedColumns) {
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(file);
        } catch (IOException e) {
            throw openFailure(fileName, e);
        }
        try {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            var projection = ParquetProjection.project(fileName, fileSchema, expectedSchema, projectedColumns);
            return new ParquetRowFileReader(fileName, reader, fileSchema, projection);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /**
     * Checks, from a file's Parquet schema alone, what {@link #open(InputFile, String, StructType, List)} checks
     * before reading: that every projected column exists with a type readable as {@code expectedSchema} declares it.
     *
     * @throws SchemaMismatchException naming the file, the column and both types
     */
    public static void checkReadable(String fileName, MessageType fileSchema, StructType expectedSchema, List<String> projectedColumns) {
        ParquetProjection.project(fileName, fileSchema, expectedSchema, projectedColumns);
    }

    /** As {@link #open(InputFile, String, StructType, List)} for a table's file, named by its full location. */
    public static ParquetRowFileReader open(TableStorage storage, String relativePath, StructType expectedSchema,
                                            List<String> projectedColumns) {
        String location = storage.location(relativePath);
        InputFile file;
        try {
            // Hadoop looks the file up here already, so a missing file surfaces here rather than on open.
            file = storage.inputFile(relativePath);
        } catch (IOException e) {
            throw openFailure(location, e);
        }
        return open(file, location, expectedSchema, projectedColumns);
    }

    private static AzofException openFailure(String fileName, IOException e) {
        if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
            return new MissingDataFileException("Data file " + fileName + " does not exist", e);
        }
        return new AzofException("Cannot open data file " + fileName + ": " + e.getMessage(), e);
    }

    /** The schema of the rows: the projected columns as the expected schema declares them. */
    public StructType schema() {
        return schema;
    }

    /** The part of the file's Parquet schema that is read. */
    public MessageType requestedSchema() {
        return requested;
    }

    /** Rows in the whole file, from the footer. */
    public long rowCount() {
        return reader.getRecordCount();
    }

    /** The key/value metadata of the file footer. */
    public Map<String, String> footerMetadata() {
        return reader.getFooter().getFileMetaData().getKeyValueMetaData();
    }

    @Override
    protected Object[] fetchNext() {
        Object[] row = null;
        while (row == null) {
            if (rowsLeftInGroup == 0 && !advanceRowGroup()) {
                return null;
            }
            rowsLeftInGroup--;
            // Null only for a record a filter skipped; this reader sets none, but the contract allows it.
            row = rowGroupRecords.read();
        }
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

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(ParquetFileReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Closing a file that was only read cannot lose data; the read's own outcome is what matters.
        }
    }
}
