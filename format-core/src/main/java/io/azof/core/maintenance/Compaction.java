package io.azof.core.maintenance;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.io.TableStorage;
import io.azof.core.merge.RowRunCursor;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTaskReader;
import io.azof.core.table.AzofTable;
import io.azof.core.time.AsOf;
import io.azof.core.write.BaseFileWriter;
import io.azof.core.write.DataFileSchema;
import io.azof.core.write.NewDataFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compaction: builds base files so that as-of reads merge fewer files and rows. In three steps an engine can
 * spread out: {@link CompactionPlanner#plan} on the driver, {@link #run} per task on workers, {@link #commit}
 * on the driver. Nothing is visible until the commit; a compaction that fails leaves the table as it was
 * (its files are unreferenced until vacuum).
 *
 * <p>A base holds, per key, the record that wins just before its segment's start, deletes included, so no
 * answer changes (SPEC section 6.8 gives the argument, and why deletes must be kept).
 */
public final class Compaction {
    private Compaction() {
    }

    /** Plans, runs every task here, one after the other, and commits: for the Java API and tests. */
    public static CompactionResult compact(TableStorage storage, CompactionPolicy policy) {
        return compact(storage, policy, new SnapshotCommitter(storage));
    }

    public static CompactionResult compact(TableStorage storage, CompactionPolicy policy, SnapshotCommitter committer) {
        CompactionPlan plan = CompactionPlanner.plan(AzofTable.open(storage).snapshot(), policy);
        List<NewDataFile> bases = new ArrayList<>();
        for (CompactionTask task : plan.tasks()) {
            bases.addAll(run(storage, task));
        }
        return commit(committer, plan, bases);
    }

    /** Builds one task's base files; they stay unreferenced until {@link #commit}. */
    public static List<NewDataFile> run(TableStorage storage, CompactionTask task) {
        TableDefinition table = task.table();
        List<String> payload = table.payloadColumns();
        int[] toFileOrder = fileOrder(table, payload);
        AsOf justBeforeSegment = AsOf.eventTime(task.segment().startMicros() - 1);
        List<RowRunCursor> runs = ScanTaskReader.openRuns(storage, task.inputs(), table, payload, justBeforeSegment, new ScanMetrics());
        try (BaseFileWriter writer = new BaseFileWriter(storage, table, task.segment(), task.bucket(), task.targetFileBytes())) {
            SortedRunMerger<RowRunCursor> merger = new SortedRunMerger<>(runs, true);
            for (RowRunCursor winner = merger.next(); winner != null; winner = merger.next()) {
                Object[] fileRow = new Object[toFileOrder.length];
                winner.placePreviousRow(fileRow, toFileOrder);
                writer.write(fileRow);
            }
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the base of segment " + task.segment().id() + ", bucket " + task.bucket()
                    + " in " + storage.tableLocation() + "; nothing was committed", e);
        } finally {
            runs.forEach(RowRunCursor::close);
        }
    }

    /** Commits the bases the plan's tasks built as one new version; nothing is committed for an empty plan. */
    public static CompactionResult commit(SnapshotCommitter committer, CompactionPlan plan, List<NewDataFile> bases) {
        if (plan.isEmpty()) {
            return new CompactionResult(plan.readVersion(), false, 0, 0, 0);
        }
        CommitResult result = committer.commit(new PendingCommit(PendingCommit.Operation.COMPACT, plan.table(), bases,
                plan.readVersion(), null, plan.replacedBases()));
        long rows = bases.stream().mapToLong(file -> file.stats().rows()).sum();
        return new CompactionResult(result.version(), true, bases.size(), rows, plan.replacedBases().size());
    }

    /**
     * Where each slot of a merged row ({@code [keys..., event time, payload..., deleted, version]}) goes in a
     * data file row (the table's columns in schema order, then deleted and version).
     */
    private static int[] fileOrder(TableDefinition table, List<String> payload) {
        List<String> fileColumns = DataFileSchema.of(table).fieldNames();
        return ScanTaskReader.runColumns(table, payload).stream().mapToInt(fileColumns::indexOf).toArray();
    }
}
