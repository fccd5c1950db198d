package io.azof.core.write;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileWriter;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.FileStats;
import io.azof.core.types.StructType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;

/**
 * Writes records that arrive in the order of {@link RecordLayout#writeOrder()} into data files, one per (bucket,
 * segment), and checks on the way what needs the order: no two records of one write share a key and
 * event time. Engines feed it one sorted partition at a time.
 */
public final class SortedRecordWriter implements Closeable {
    private final TableStorage storage;
    private final RecordLayout layout;
    private final StructType fileSchema;
    /** Keys are distinct within a run and event times nearly so: dictionaries would not pay for them. */
    private final ParquetRowFileWriter.Options fileOptions;
    private final List<NewDataFile> written = new ArrayList<>();
    private ParquetRowFileWriter current;
    private String currentFile;
    private int currentBucket = -1;
    private SegmentRange currentSegment;
    private RecordLayout.SortKey previous;
    private Object[] minKey;
    private Object[] maxKey;
    private long rows;
    private long deletes;
    private long minEventTime;
    private long maxEventTime;

    public SortedRecordWriter(TableStorage storage, RecordLayout layout) {
        this.storage = storage;
        this.layout = layout;
        this.fileSchema = DataFileSchema.of(layout.table());
        Set<String> sortColumns = new HashSet<>(layout.table().keyColumns());
        sortColumns.add(layout.table().eventTimeColumn());
        this.fileOptions = ParquetRowFileWriter.Options.defaults().withPlainColumns(sortColumns);
    }

    /**
     * Adds the next record, placed by {@link RecordLayout#sortKey}; records must come in write order. The
     * sort key is taken as computed, so bucket and segment are not worked out twice per record.
     */
    public void write(RecordLayout.SortKey sortKey, Object[] record) throws IOException {
        if (current == null || sortKey.bucket() != currentBucket || sortKey.segmentStart() != currentSegment.startMicros()) {
            finishFile();
            startFile(sortKey.bucket(), layout.segmentOf(record));
        } else if (layout.sameKeyAndTime(previous, sortKey)) {
            throw new InvalidWriteException("Two rows in one write have the same key " + layout.describeKey(record) + " and event time "
                    + RecordLayout.describeTime(layout.eventTime(record)) + ", so which one holds is ambiguous. Deduplicate the input."
                    + " Nothing was committed.");
        }
        Object[] row = new Object[fileSchema.size()];
        System.arraycopy(record, 0, row, 0, record.length);
        current.write(row);
        if (minKey == null) {
            minKey = sortKey.key();
        }
        maxKey = sortKey.key();
        minEventTime = Math.min(minEventTime, sortKey.eventTime());
        maxEventTime = Math.max(maxEventTime, sortKey.eventTime());
        rows++;
        deletes += layout.isDelete(record) ? 1 : 0;
        previous = sortKey;
    }

    private void startFile(int bucket, SegmentRange segment) throws IOException {
        currentBucket = bucket;
        currentSegment = segment;
        currentFile = "data/" + segment.id() + "/b" + bucket + "-" + UUID.randomUUID() + ".parquet";
        current = ParquetRowFileWriter.create(storage.outputFile(currentFile), fileSchema, fileOptions);
        previous = null;
        minKey = null;
        maxKey = null;
        rows = 0;
        deletes = 0;
        minEventTime = Long.MAX_VALUE;
        maxEventTime = Long.MIN_VALUE;
    }

    private void finishFile() throws IOException {
        if (current == null) {
            return;
        }
        current.close();
        current = null;
        long bytes = storage.sizeOf(currentFile);
        written.add(new NewDataFile(currentSegment, currentFile,
                new FileStats(currentBucket, rows, bytes, minKey, maxKey, minEventTime, maxEventTime, deletes, 0)));
    }

    /** Closes the last file and returns every file written. */
    public List<NewDataFile> finish() {
        try {
            finishFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish data file " + currentFile, e);
        }
        return List.copyOf(written);
    }

    /** Abandons the write: closes the open file. Files already written stay unreferenced until vacuum. */
    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // The write is failing already; its files are unreferenced and never read.
            }
            current = null;
        }
    }
}
