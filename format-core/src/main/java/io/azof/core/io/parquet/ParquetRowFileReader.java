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
import java.util.Set;
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
 * in the projected order, as values of the {@link DataType} representation (nested types included), of the
 * types the expected schema declares: a column the file stores in a narrower type is widened value by value,
 * and a column the caller allows to be absent reads as null where the file lacks it.
 * Only those columns are decoded: Parquet is given the projected schema, so other column chunks are
 * never read, and their types are never checked. Rows are read one row group at a time.
 */
public final class ParquetRowFileReader extends LookaheadIterator<Object[]> {
    private final String fileName;
    private final ParquetFileReader reader;
    private final StructType schema;
    private final MessageType requested;
    private final List<StoredColumn> columns;
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
        this.columns = projection.columns();
        this.columnIO = new ColumnIOFactory().getColumnIO(requested, fileSchema);
        this.materializer = RowConverters.materializer(schema, requested, projection.slots());
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
        return open(file, fileName, expectedSchema, projectedColumns, Set.of());
    }

    /**
     * As {@link #open(InputFile, String, StructType, List)}, reading the columns of {@code absentAsNull} that the
     * file lacks as null (columns the table added after the file was written) and the columns it stores in a
     * narrower type widened to the declared one ({@link io.azof.core.types.TypeWidening}).
     */
    public static ParquetRowFileReader open(InputFile file, String fileName, StructType expectedSchema,
                                            List<String> projectedColumns, Set<String> absentAsNull) {
        ParquetFileReader reader;
        try {
            reader = ParquetFiles.open(file);
        } catch (IOException e) {
            throw openFailure(fileName, e);
        }
        try {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            var projection = ParquetProjection.project(fileName, fileSchema, expectedSchema, projectedColumns, absentAsNull);
            return new ParquetRowFileReader(fileName, reader, fileSchema, projection);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /** As {@link #open(InputFile, String, StructType, List)} for a table's file, named by its full location. */
    public static ParquetRowFileReader open(TableStorage storage, String relativePath, StructType expectedSchema,
                                            List<String> projectedColumns) {
        return open(storage, relativePath, expectedSchema, projectedColumns, Set.of());
    }

    /** As {@link #open(InputFile, String, StructType, List, Set)} for a table's file, named by its full location. */
    public static ParquetRowFileReader open(TableStorage storage, String relativePath, StructType expectedSchema,
                                            List<String> projectedColumns, Set<String> absentAsNull) {
        String location = storage.location(relativePath);
        InputFile file;
        try {
            // Hadoop looks the file up here already, so a missing file surfaces here rather than on open.
            file = storage.inputFile(relativePath);
        } catch (IOException e) {
            throw openFailure(location, e);
        }
        return open(file, location, expectedSchema, projectedColumns, absentAsNull);
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

    /** How the file stores each projected column (absent, narrower, or as declared), in projected order. */
    public List<StoredColumn> storedColumns() {
        return columns;
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
