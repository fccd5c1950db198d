package io.azof.core.write;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.ValueText;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes rows that arrive in write order (bucket, segment, key, event time; {@link RecordLayout#writeOrder()}) into
 * data files, one per (bucket, segment), and checks on the way what needs the order: no two rows of one write share
 * a key and event time. Engines feed it one sorted partition at a time.
 *
 * <p>The rows are in the engine's own representation {@code R}, read through {@link Rows}: an engine that sorts and
 * holds rows in its own form (Spark's {@code InternalRow}) writes them without converting each to an
 * {@code Object[]}. {@link SortedRecordWriter} is this writer for write records placed by {@link RecordLayout}.
 */
public final class SortedRowWriter<R> implements Closeable {
    /**
     * How the writer reads an engine's row. The row stands for a row of {@link DataFileSchema#of} the table (its
     * version slot null: the file's added version, set by the commit), which {@link #fileRowWriter()} writes.
     */
    public interface Rows<R> {
        /** Writes a row as a row of the data file layout. */
        ParquetRowWriter<R> fileRowWriter();

        /** The row's bucket ({@link io.azof.core.types.KeyHashing}). */
        int bucket(R row);

        /** The start of the row's segment, in microseconds ({@link io.azof.core.layout.SegmentGranularity#segmentOf}). */
        long segmentStartMicros(R row);

        long eventTimeMicros(R row);

        boolean isDelete(R row);

        /**
         * The row's key, one value per key column in the {@link io.azof.core.types.DataType} value representation:
         * asked for the first and last row of each file (its key range) and for messages, not for every row.
         */
        Object[] key(R row);

        /** True when two rows have equal keys (under {@link io.azof.core.types.KeyOrdering}) and equal event times. */
        boolean sameKeyAndEventTime(R a, R b);

        /** True when two rows have equal keys (under {@link io.azof.core.types.KeyOrdering}). */
        boolean sameKey(R a, R b);

        /**
         * The row as it must be kept while the engine moves on to the next one: a copy when the engine reuses its row
         * objects. The writer keeps only the latest row it retained, so the copy may reuse the one made before.
         */
        R retain(R row);
    }

    private final TableStorage storage;
    private final TableDefinition table;
    private final Rows<R> rows;
    private final ParquetRowWriter<R> fileRowWriter;
    private final DataFileSequence<R> files = new DataFileSequence<>();
    private int currentBucket;
    private long currentSegmentStart;
    private R previous;

    public SortedRowWriter(TableStorage storage, TableDefinition table, Rows<R> rows) {
        this.storage = storage;
        this.table = table;
        this.rows = rows;
        this.fileRowWriter = rows.fileRowWriter();
    }

    /**
     * Adds the next row; rows must come in write order.
     *
     * @throws InvalidWriteException when the row has the key and event time of the row before it
     */
    public void write(R row) throws IOException {
        int bucket = rows.bucket(row);
        long segmentStart = rows.segmentStartMicros(row);
        long eventTime = rows.eventTimeMicros(row);
        boolean newKey = true;
        if (files.current() == null || bucket != currentBucket || segmentStart != currentSegmentStart) {
            files.finishCurrent(this::previousKey);
            files.start(new DataFileWriter<>(storage, table, table.granularity().segmentOf(segmentStart), bucket, FileRole.DELTA, "b",
                    fileRowWriter), rows.key(row));
            currentBucket = bucket;
            currentSegmentStart = segmentStart;
        } else if (rows.sameKeyAndEventTime(previous, row)) {
            throw new InvalidWriteException("Two rows in one write have the same key " + table.describeKey(rows.key(row))
                    + " and event time " + ValueText.time(eventTime) + ", so which one holds is ambiguous. Deduplicate the input."
                    + " Nothing was committed.");
        } else {
            newKey = files.current().tracksCoverage() && !rows.sameKey(previous, row);
        }
        if (newKey && files.current().tracksCoverage()) {
            files.current().startKey(rows.key(row));
        }
        files.current().append(row, eventTime, rows.isDelete(row));
        previous = rows.retain(row);
    }

    private Object[] previousKey() {
        return rows.key(previous);
    }

    /** Closes the last file and returns every file written. */
    public List<NewDataFile> finish() {
        return files.finish(this::previousKey, "a data file", storage.tableLocation());
    }

    /** Abandons the write: closes the open file. Files already written stay unreferenced until vacuum. */
    @Override
    public void close() {
        files.close();
    }
}
