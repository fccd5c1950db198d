package io.azof.core.write;

import io.azof.core.coverage.CoverageFile;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileWriter;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * One data file being written from rows of the data file layout ({@link DataFileSchema}) in some representation
 * {@code R}, arriving in (key, event time, version) order: where it goes, how it is encoded, and the statistics
 * gathered on the way. Writes and compaction both put their files together with it, so every file is named,
 * encoded and described the same way whatever the rows were held in.
 */
class DataFileWriter<R> implements Closeable {
    private final TableStorage storage;
    private final SegmentRange segment;
    private final int bucket;
    private final String file;
    private final FileRole role;
    private final ParquetWriter<R> writer;
    /** The delta's coverage file, when the table records coverage; null otherwise and for bases. */
    private final CoverageFile.Writer coverage;
    private long rows;
    private long deletes;
    private long minEventTime = Long.MAX_VALUE;
    private long maxEventTime = Long.MIN_VALUE;
    private boolean failed;

    /**
     * @param namePrefix distinguishes kinds of files for people looking at the directory ("b" for a write's
     *     files, "base-b" for compaction's bases, "run-b" for the runs run merging writes)
     * @param role whether the file is a delta (a write's file or a merged run) or a base
     * @param rowWriter writes a row of {@link DataFileSchema#of} the table
     */
    DataFileWriter(TableStorage storage, TableDefinition table, SegmentRange segment, int bucket, FileRole role, String namePrefix,
                   ParquetRowWriter<R> rowWriter) throws IOException {
        this.storage = storage;
        this.role = role;
        this.segment = segment;
        this.bucket = bucket;
        this.file = "data/" + segment.id() + "/" + namePrefix + bucket + "-" + UUID.randomUUID() + ".parquet";
        this.writer = ParquetRowFileWriter.open(storage.outputFile(file), DataFileSchema.of(table), fileOptions(table), rowWriter);
        CoverageGranularity granularity = table.coverage().granularity();
        // Bases hold records the deltas hold too, so only deltas say what is covered (SPEC section 6.14).
        this.coverage = granularity == null || role != FileRole.DELTA ? null
                : new CoverageFile.Writer(storage, CoverageFile.nameFor(file), table.keySchema(), granularity);
    }

    /** Keys are distinct within a run and event times nearly so: dictionaries would not pay for them. */
    private static ParquetRowFileWriter.Options fileOptions(TableDefinition table) {
        Set<String> sortColumns = new HashSet<>(table.keyColumns());
        sortColumns.add(table.eventTimeColumn());
        return ParquetRowFileWriter.Options.defaults().withPlainColumns(sortColumns);
    }

    /** Whether the file needs each new key given ({@link #startKey}) to write its coverage file. */
    boolean tracksCoverage() {
        return coverage != null;
    }

    /** The rows appended next, up to the next call, have key {@code key}; called only when {@link #tracksCoverage()}. */
    void startKey(Object[] key) {
        coverage.startKey(key);
    }

    /**
     * Appends a row whose event time and op the caller has already extracted.
     *
     * @throws IllegalStateException when an earlier row failed: Parquet may hold part of it, so the file is unusable
     */
    void append(R row, long eventTime, boolean deleted) throws IOException {
        if (failed) {
            throw new IllegalStateException("an earlier row of " + file + " could not be written and may be partly in the file");
        }
        try {
            writer.write(row);
        } catch (RuntimeException | IOException e) {
            failed = true;
            throw e;
        }
        minEventTime = Math.min(minEventTime, eventTime);
        maxEventTime = Math.max(maxEventTime, eventTime);
        rows++;
        deletes += deleted ? 1 : 0;
        if (coverage != null) {
            coverage.add(eventTime, deleted);
        }
    }

    long dataSize() {
        return writer.getDataSize();
    }

    /**
     * Closes the file and describes it, with the keys of its first and last rows; its added version is set when the
     * commit succeeds.
     */
    NewDataFile finish(Object[] minKey, Object[] maxKey) throws IOException {
        writer.close();
        String coverageFile = coverage == null ? null : coverage.finish();
        return new NewDataFile(segment, file, role,
                new FileStats(bucket, rows, storage.sizeOf(file), minKey, maxKey, minEventTime, maxEventTime, deletes, 0), coverageFile);
    }

    /** Abandons the file; it stays unreferenced until vacuum. */
    @Override
    public void close() {
        if (coverage != null) {
            coverage.close();
        }
        try {
            writer.close();
        } catch (IOException ignored) {
            // The write is failing already; its files are unreferenced and never read.
        }
    }
}
