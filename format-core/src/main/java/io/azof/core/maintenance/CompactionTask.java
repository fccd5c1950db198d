package io.azof.core.maintenance;

import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentRange;
import io.azof.core.merge.EveryRecordMerger;
import io.azof.core.merge.RowRunCursor;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.scan.BoundedRuns;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTaskReader;
import io.azof.core.time.AsOf;
import io.azof.core.write.CompactedFileWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One piece of a compaction, for one segment and bucket; serialisable so an engine can run {@link #build} on a worker.
 * Either kind leaves every answer as it was (SPEC section 6.8):
 * <ul>
 *   <li>{@link Kind#BASE}: the base of the segment, each key's winner just before the segment's start among the records
 *       of {@code inputs}, with its own event time and version, deletes included.</li>
 *   <li>{@link Kind#MERGED_RUN}: the deltas {@code inputs} of the segment rewritten as sorted runs of about the target
 *       size holding every record of theirs with its version, which replace them.</li>
 * </ul>
 *
 * @param inputs for a base, the files a read just before the segment's start opens for this bucket; for merged runs, the
 *     deltas they replace
 * @param maxOpenFiles the most input files open at once; more are pre-merged in passes ({@link BoundedRuns})
 */
public record CompactionTask(Kind kind, TableDefinition table, SegmentRange segment, int bucket, List<PlannedFile> inputs,
                             long targetFileBytes, int maxOpenFiles) implements Serializable {
    public enum Kind { BASE, MERGED_RUN }

    public CompactionTask {
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
    }

    /** Writes this task's files; they stay unreferenced until the compaction commits them. */
    public List<NewDataFile> build(TableStorage storage) {
        return build(storage, BoundedRuns.defaultSpillRoot());
    }

    /** As {@link #build(TableStorage)}, pre-merging more than {@code maxOpenFiles} inputs into spills under {@code spillRoot}. */
    public List<NewDataFile> build(TableStorage storage, Path spillRoot) {
        List<String> payload = table.payloadColumns();
        int[] toFileOrder = fileOrder(payload);
        // A base holds what wins just before its segment; merged runs hold every record, whatever its time.
        AsOf readAt = kind == Kind.BASE ? AsOf.eventTime(segment.startMicros() - 1) : AsOf.current();
        BoundedRuns.Keep keep = kind == Kind.BASE ? BoundedRuns.Keep.WINNERS : BoundedRuns.Keep.EVERY_RECORD;
        BoundedRuns sources = BoundedRuns.prepare(storage, inputs, table, payload, readAt, keep, maxOpenFiles, spillRoot,
                new ScanMetrics());
        List<RowRunCursor> runs = List.of();
        FileRole role = kind == Kind.BASE ? FileRole.BASE : FileRole.DELTA;
        try (CompactedFileWriter writer = new CompactedFileWriter(storage, table, segment, bucket, targetFileBytes, role)) {
            runs = sources.openRows(storage, table, payload, readAt, new ScanMetrics());
            if (kind == Kind.BASE) {
                SortedRunMerger<RowRunCursor> merger = new SortedRunMerger<>(runs, true);
                for (RowRunCursor winner = merger.next(); winner != null; winner = merger.next()) {
                    writer.write(fileRow(winner, toFileOrder));
                }
            } else {
                EveryRecordMerger<RowRunCursor> merger = new EveryRecordMerger<>(runs);
                for (RowRunCursor next = merger.next(); next != null; next = merger.next()) {
                    writer.write(fileRow(next, toFileOrder));
                }
            }
            if (kind == Kind.BASE) {
                return writer.finish();
            }
            // A merged run stands in for its inputs as of their versions, so a base covering those still covers it.
            long newestInput = inputs.stream().mapToLong(file -> file.stats().addedVersion()).max().orElseThrow();
            return writer.finish().stream()
                    .map(file -> file.withStats(file.stats().withAddedVersion(newestInput)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the " + (kind == Kind.BASE ? "base" : "merged runs") + " of segment " + segment.id()
                    + ", bucket " + bucket + " in " + storage.tableLocation() + "; nothing was committed", e);
        } finally {
            runs.forEach(RowRunCursor::close);
            sources.close();
        }
    }

    private static Object[] fileRow(RowRunCursor cursor, int[] toFileOrder) {
        Object[] fileRow = new Object[toFileOrder.length];
        cursor.placePreviousRow(fileRow, toFileOrder);
        return fileRow;
    }

    /**
     * Where each slot of a merged row ({@code [keys..., event time, payload..., deleted, version]}) goes in a data
     * file row (the table's columns in schema order, then deleted and version).
     */
    private int[] fileOrder(List<String> payload) {
        List<String> fileColumns = DataFileSchema.of(table).fieldNames();
        return ScanTaskReader.runColumns(table, payload).stream().mapToInt(fileColumns::indexOf).toArray();
    }
}
