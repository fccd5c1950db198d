package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.maintenance.CompactionPlan;
import io.azof.core.maintenance.CompactionPlanner;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.CompactionTask;
import io.azof.core.metadata.NewDataFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Compaction ({@link Table#newCompaction}): builds base files so that as-of reads merge fewer files and rows, and
 * commits them as one new version; answers never change (SPEC section 6.8). Nothing is visible until the commit, and
 * a compaction that fails leaves the table as it was (its files are unreferenced until vacuum).
 *
 * <p>{@link #commit()} alone plans, builds every base here, one after the other, and commits. Engines spread the
 * work: {@link #plan()} on the driver, {@link CompactionTask#build} per task on workers, {@link #addBases} with every
 * file built, then {@link #commit()}.
 */
public final class CompactOperation {
    private final Table table;
    private final CompactionPolicy policy;
    private CompactionPlan plan;
    private List<NewDataFile> bases;

    CompactOperation(Table table, CompactionPolicy policy) {
        this.table = table;
        this.policy = policy;
    }

    /**
     * What this compaction builds, from the latest version (read once).
     *
     * @throws io.azof.core.exceptions.TableNotFoundException when there is no table
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which is never changed
     */
    public CompactionPlan plan() {
        if (plan == null) {
            plan = CompactionPlanner.plan(table.latestWritable("compact"), policy);
        }
        return plan;
    }

    /** Bases engines built for {@link #plan()}'s tasks; without them {@link #commit()} builds every task itself. */
    public CompactOperation addBases(List<NewDataFile> built) {
        if (plan == null) {
            throw new IllegalStateException("plan the compaction before adding the bases built for it");
        }
        if (bases == null) {
            bases = new ArrayList<>();
        }
        bases.addAll(built);
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
            return new CompactionResult(planned.readVersion(), false, 0, 0, 0);
        }
        List<NewDataFile> built = bases;
        if (built == null) {
            built = new ArrayList<>();
            for (CompactionTask task : planned.tasks()) {
                built.addAll(task.build(table.storage()));
            }
        }
        CommitResult result = table.committer().commit(PendingCommit.compact(planned.table(), built, planned.readVersion(),
                planned.replacedBases()));
        long rows = built.stream().mapToLong(file -> file.stats().rows()).sum();
        return new CompactionResult(result.version(), true, built.size(), rows, planned.replacedBases().size());
    }
}
