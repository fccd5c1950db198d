package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.maintenance.AfterWriteCheck;
import io.azof.core.maintenance.CompactionPlan;
import io.azof.core.maintenance.CompactionPlanner;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.CompactionTask;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.VersionHead;
import io.azof.core.scan.BoundedRuns;
import java.util.ArrayList;
import java.util.List;

/**
 * Compaction ({@link Table#newCompaction}): builds base files and merged runs so that as-of reads merge fewer files and
 * rows, and commits them as one new version; answers never change (SPEC section 6.8). Nothing is visible until the
 * commit, and a compaction that fails leaves the table as it was (its files are unreferenced until vacuum).
 *
 * <p>{@link #commit()} alone plans, builds every file here, task after task, and commits. Engines spread the work:
 * {@link #plan()} on the driver, {@link CompactionTask#build} per task on workers, {@link #addFiles} with every file
 * built, then {@link #commit()}.
 */
public final class CompactOperation {
    private final Table table;
    private final CompactionPolicy policy;
    private final boolean afterWrite;
    private int maxOpenFiles = BoundedRuns.DEFAULT_MAX_OPEN_FILES;
    private CompactionPlan plan;
    private List<NewDataFile> built;

    /** @param afterWrite the compaction a write runs after its commit ({@link Table#newAutoCompaction()}); {@code policy} is then unused */
    CompactOperation(Table table, CompactionPolicy policy, boolean afterWrite) {
        this.table = table;
        this.policy = policy;
        this.afterWrite = afterWrite;
    }

    /**
     * The most input files a task of this compaction holds open at once (default {@value BoundedRuns#DEFAULT_MAX_OPEN_FILES});
     * more are pre-merged in passes (SPEC section 6.4). Engines set what their storage's connection pool allows.
     */
    public CompactOperation maxOpenFiles(int files) {
        if (files < 2) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 2, got " + files);
        }
        this.maxOpenFiles = files;
        return this;
    }

    /**
     * What this compaction builds, from the latest version (read once).
     *
     * @throws io.azof.core.exceptions.TableNotFoundException when there is no table
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which is never changed
     */
    public CompactionPlan plan() {
        if (plan == null && afterWrite) {
            // Decided from the root where it can be, without reading every manifest of a format version 3 table: off, or no
            // bucket's read can merge more than maxRuns files (AfterWriteCheck).
            SnapshotFile latest = table.log().readHead(table.resolve(VersionSelector.latest()));
            VersionHead head = VersionHead.of(latest);
            head.table().requireWritable(table.location(), "compact");
            if (!head.table().autoCompaction().enabled()
                    || latest instanceof SnapshotRoot root && !AfterWriteCheck.mayCompact(table.storage(), root)) {
                plan = new CompactionPlan(head.version(), head.table(), List.of(), List.of(), List.of());
            }
        }
        if (plan == null) {
            Snapshot latest = table.latestWritable("compact");
            plan = afterWrite ? CompactionPlanner.planAfterWrite(latest, maxOpenFiles) : CompactionPlanner.plan(latest, policy, maxOpenFiles);
        }
        return plan;
    }

    /** Files engines built for {@link #plan()}'s tasks; without them {@link #commit()} builds every task itself. */
    public CompactOperation addFiles(List<NewDataFile> files) {
        if (plan == null) {
            throw new IllegalStateException("plan the compaction before adding the files built for it");
        }
        if (built == null) {
            built = new ArrayList<>();
        }
        built.addAll(files);
        return this;
    }

    /**
     * Commits the bases as one new version (operation {@code compact}); commits nothing when the plan is empty.
     *
     * @throws io.azof.core.exceptions.CommitConflictException when a commit since the plan's version removed what the bases
     *     summarise or replace, or changed the table's definition
     */
    public CompactionResult commit() {
        CompactionPlan planned = plan();
        if (planned.isEmpty()) {
            return CompactionResult.nothingAt(planned.readVersion());
        }
        List<NewDataFile> files = built;
        if (files == null) {
            files = new ArrayList<>();
            for (CompactionTask task : planned.tasks()) {
                files.addAll(task.build(table.storage()));
            }
        }
        CommitResult result = table.committer().commit(PendingCommit.compact(planned.table(), files, planned.readVersion(),
                planned.replacedBases(), planned.replacedDeltas()));
        long rows = files.stream().mapToLong(file -> file.stats().rows()).sum();
        int bases = (int) files.stream().filter(file -> file.role() == FileRole.BASE).count();
        return new CompactionResult(result.version(), true, bases, rows, planned.replacedBases().size(), files.size() - bases,
                planned.replacedDeltas().size());
    }
}
