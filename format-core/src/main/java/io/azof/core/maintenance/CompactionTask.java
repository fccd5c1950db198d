package io.azof.core.maintenance;

import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentRange;
import io.azof.core.merge.RowRunCursor;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTaskReader;
import io.azof.core.time.AsOf;
import io.azof.core.write.BaseFileWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Building the base of one segment and bucket: the winners just before the segment's start among the
 * records of {@code inputs}. Serialisable so an engine can run {@link #build} on a worker.
 *
 * <p>A base never changes an answer (SPEC section 6.8): it holds, per key, the record that wins just before its
 * segment's start, with that record's own event time and version, deletes included, so late rows older than the
 * segment still win or lose beside it as before.
 *
 * @param inputs the files a read just before the segment's start opens for this bucket
 */
public record CompactionTask(TableDefinition table, SegmentRange segment, int bucket, List<PlannedFile> inputs, long targetFileBytes)
        implements Serializable {
    public CompactionTask {
        inputs = List.copyOf(inputs);
    }

    /** Writes this task's base files; they stay unreferenced until the compaction commits them. */
    public List<NewDataFile> build(TableStorage storage) {
        List<String> payload = table.payloadColumns();
        int[] toFileOrder = fileOrder(payload);
        AsOf justBeforeSegment = AsOf.eventTime(segment.startMicros() - 1);
        List<RowRunCursor> runs = ScanTaskReader.openRuns(storage, inputs, table, payload, justBeforeSegment, new ScanMetrics());
        try (BaseFileWriter writer = new BaseFileWriter(storage, table, segment, bucket, targetFileBytes)) {
            SortedRunMerger<RowRunCursor> merger = new SortedRunMerger<>(runs, true);
            for (RowRunCursor winner = merger.next(); winner != null; winner = merger.next()) {
                Object[] fileRow = new Object[toFileOrder.length];
                winner.placePreviousRow(fileRow, toFileOrder);
                writer.write(fileRow);
            }
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the base of segment " + segment.id() + ", bucket " + bucket + " in "
                    + storage.tableLocation() + "; nothing was committed", e);
        } finally {
            runs.forEach(RowRunCursor::close);
        }
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
