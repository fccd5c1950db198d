package io.azof.core.write;

import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileWriter;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One data file being written: rows in the data file layout ({@link DataFileSchema}) arrive in (key, event
 * time, version) order, and the file's statistics are gathered on the way. Writes and compaction both put
 * their files together with it, so every file is described the same way.
 */
final class DataFileAppender implements Closeable {
    private final TableStorage storage;
    private final SegmentRange segment;
    private final int bucket;
    private final String file;
    private final FileRole role;
    private final ParquetRowFileWriter writer;
    private Object[] minKey;
    private Object[] maxKey;
    private long rows;
    private long deletes;
    private long minEventTime = Long.MAX_VALUE;
    private long maxEventTime = Long.MIN_VALUE;

    /**
     * @param namePrefix distinguishes kinds of files for people looking at the directory ("b" for a write's
     *     files, "base-b" for compaction's bases, "run-b" for the runs run merging writes)
     */
    DataFileAppender(TableStorage storage, TableDefinition table, SegmentRange segment, int bucket, FileRole role, String namePrefix)
            throws IOException {
        this.storage = storage;
        this.segment = segment;
        this.bucket = bucket;
        this.role = role;
        this.file = "data/" + segment.id() + "/" + namePrefix + bucket + "-" + UUID.randomUUID() + ".parquet";
        this.writer = ParquetRowFileWriter.create(storage.outputFile(file), DataFileSchema.of(table), fileOptions(table));
    }

    /** Keys are distinct within a run and event times nearly so: dictionaries would not pay for them. */
    private static ParquetRowFileWriter.Options fileOptions(TableDefinition table) {
        Set<String> sortColumns = new HashSet<>(table.keyColumns());
        sortColumns.add(table.eventTimeColumn());
        return ParquetRowFileWriter.Options.defaults().withPlainColumns(sortColumns);
    }

    /** Appends a row of the data file layout whose key, event time and op the caller has already extracted. */
    void append(Object[] row, Object[] key, long eventTime, boolean deleted) throws IOException {
        writer.write(row);
        if (minKey == null) {
            minKey = key;
        }
        maxKey = key;
        minEventTime = Math.min(minEventTime, eventTime);
        maxEventTime = Math.max(maxEventTime, eventTime);
        rows++;
        deletes += deleted ? 1 : 0;
    }

    long dataSize() {
        return writer.dataSize();
    }

    /** Closes the file and describes it; its added version is set when the commit succeeds. */
    NewDataFile finish() throws IOException {
        writer.close();
        return new NewDataFile(segment, file, role,
                new FileStats(bucket, rows, storage.sizeOf(file), minKey, maxKey, minEventTime, maxEventTime, deletes, 0));
    }

    /** Abandons the file; it stays unreferenced until vacuum. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // The write is failing already; its files are unreferenced and never read.
        }
    }
}
