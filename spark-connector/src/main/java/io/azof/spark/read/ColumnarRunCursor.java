package io.azof.spark.read;

import io.azof.core.merge.RunCursor;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.execution.datasources.parquet.VectorizedParquetRecordReader;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.sql.vectorized.ColumnarBatchRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A data file read batch by batch with Spark's vectorized Parquet reader, as a {@link RunCursor}. Records
 * are addressed as positions in the current batch, so moving, comparing and handing out a record copies
 * nothing; the one copy is of the previous record when a new batch is about to overwrite it (once per
 * batch at most).
 *
 * <p>Batch columns are laid out by {@link BatchLayout}: the columns the query reads first (so a batch row
 * is the output row as it is), then the merge's own columns.
 */
final class ColumnarRunCursor implements RunCursor<ColumnarRunCursor> {
    private final VectorizedParquetRecordReader reader;
    private final BatchLayout.FileDecoding decoding;
    private final BatchLayout layout;
    private final long runVersion;
    private final ScanMetrics metrics;
    private final UnsafeProjection carryProjection;
    /**
     * The key column when the key is a single string, else -1. Such keys are then read once per record into
     * {@code currentKey} / {@code previousKey} and their prefixes rather than once per comparison (a loser
     * tree compares each record about log2(runs) times).
     */
    private final int stringKeyOrdinal;
    /** T as a bound: records with a later event time are skipped. */
    private final long latestVisible;
    private ColumnarBatch batch;
    private ColumnVector eventTimes;
    private ColumnVector stringKeys;
    private ColumnVector deletes;
    private ColumnVector versions;
    private int batchRows;
    private ColumnarBatchRow current;
    private ColumnarBatchRow previousInBatch;
    private InternalRow previous;
    private UTF8String currentKey;
    private UTF8String previousKey;
    /** The first 8 bytes of each key as an unsigned number: most comparisons end here, without a byte loop. */
    private long currentPrefix;
    private long previousPrefix;

    /**
     * @param carryProjection copies a batch row into an independent row; shared by the cursors of one reader
     */
    ColumnarRunCursor(ParquetBatchReaders.OpenedFile file, BatchLayout layout, long runVersion, AsOf asOf, ScanMetrics metrics,
                      UnsafeProjection carryProjection) {
        this.reader = file.reader();
        this.decoding = file.decoding();
        this.layout = layout;
        this.runVersion = runVersion;
        this.metrics = metrics;
        this.carryProjection = carryProjection;
        this.stringKeyOrdinal = layout.singleStringKeyOrdinal();
        this.latestVisible = asOf.isCurrent() ? Long.MAX_VALUE : asOf.micros();
    }

    @Override
    public boolean advance() {
        int position;
        if (current == null) {
            if (!nextBatch()) {
                return false;
            }
            position = 0;
        } else {
            previousInBatch.rowId = current.rowId;
            previous = previousInBatch;
            previousKey = currentKey;
            previousPrefix = currentPrefix;
            position = current.rowId + 1;
        }
        while (true) {
            if (position == batchRows) {
                if (previous == previousInBatch) {
                    previous = carryProjection.apply(previousInBatch).copy();
                    // The key read from the batch points into it; the carried row holds its own copy.
                    previousKey = stringKeyOrdinal < 0 ? null : previous.getUTF8String(stringKeyOrdinal);
                }
                if (!nextBatch()) {
                    return false;
                }
                position = 0;
                continue;
            }
            if (eventTimes.getLong(position) <= latestVisible) {
                current.rowId = position;
                if (stringKeyOrdinal >= 0) {
                    currentKey = stringKeys.getUTF8String(position);
                    currentPrefix = currentKey.getPrefix();
                }
                return true;
            }
            position++;
        }
    }

    private boolean nextBatch() {
        long start = System.nanoTime();
        try {
            boolean loaded;
            do {
                loaded = reader.nextBatch();
            } while (loaded && reader.resultBatch().numRows() == 0);
            if (!loaded) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            metrics.decodeNanos(System.nanoTime() - start);
        }
        if (batch == null) {
            batch = reader.resultBatch();
            // The vectors are refilled batch after batch, so views of them made once see every batch.
            ColumnVector[] columns = decoding.columns(batch, layout.batchSchema());
            current = new ColumnarBatchRow(columns);
            previousInBatch = new ColumnarBatchRow(columns);
            eventTimes = columns[layout.eventTimeOrdinal()];
            stringKeys = stringKeyOrdinal < 0 ? null : columns[stringKeyOrdinal];
            deletes = columns[layout.deletedOrdinal()];
            versions = columns[layout.versionOrdinal()];
        }
        batchRows = batch.numRows();
        metrics.rowsRead(batchRows);
        return true;
    }

    /** The record before the current one: the winner the merge hands out. Valid until the next advance. */
    InternalRow previousRow() {
        return previous;
    }

    @Override
    public long eventTime() {
        return eventTimes.getLong(current.rowId);
    }

    @Override
    public long version() {
        int row = current.rowId;
        return versions.isNullAt(row) ? runVersion : versions.getLong(row);
    }

    @Override
    public boolean deleted() {
        return deletes.getBoolean(current.rowId);
    }

    @Override
    public int compareKeyTo(ColumnarRunCursor other) {
        if (stringKeyOrdinal >= 0) {
            return currentPrefix != other.currentPrefix ? Long.compareUnsigned(currentPrefix, other.currentPrefix)
                    : currentKey.compareTo(other.currentKey);
        }
        return layout.keyOrder().compare(current, other.current);
    }

    @Override
    public boolean keyEqualsPreviousOf(ColumnarRunCursor other) {
        if (stringKeyOrdinal >= 0) {
            return currentPrefix == other.previousPrefix && currentKey.equals(other.previousKey);
        }
        return layout.keyOrder().compare(current, other.previous) == 0;
    }

    void close() {
        ParquetBatchReaders.closeQuietly(reader);
    }
}
