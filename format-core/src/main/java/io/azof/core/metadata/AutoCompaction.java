package io.azof.core.metadata;

import io.azof.core.exceptions.InvalidOptionException;
import java.io.Serializable;

/**
 * A table's setting for compaction after writes (SPEC section 6.8): after each write, when a read of the newest data
 * would merge more than {@code maxRuns} files in some key-hash bucket, the writer compacts (merges runs, builds bases)
 * and commits that as a version of its own. A table property, set at creation and changed with
 * {@code ALTER TABLE … SET TBLPROPERTIES} or {@code Table.updateProperties()}.
 *
 * @param enabled {@code autoCompact}: false leaves compaction to whoever schedules it
 * @param maxRuns {@code autoCompact.maxRuns}: the most files a read of the newest data may merge per bucket before a
 *     write compacts; at least 2
 */
public record AutoCompaction(boolean enabled, int maxRuns) implements Serializable {
    /**
     * Compaction merges runs once a read of the newest data would merge more than this many files of a bucket. Chosen
     * with the benchmark's small-appends scenario (benchmarks/README.md): fewer compactions pay more in rewriting than
     * reads gain, and it stays under the Spark 3.5 line's default of open files per read task.
     */
    public static final int DEFAULT_MAX_RUNS = 8;

    public AutoCompaction {
        if (maxRuns < 2) {
            throw new InvalidOptionException("Table property '" + TableDefinition.AUTO_COMPACT_MAX_RUNS + "' must be at least 2, not "
                    + maxRuns);
        }
    }

    /** On, with {@link #DEFAULT_MAX_RUNS}: what a table has unless told otherwise, tables written before the property included. */
    public static AutoCompaction defaults() {
        return new AutoCompaction(true, DEFAULT_MAX_RUNS);
    }

    public AutoCompaction withEnabled(boolean on) {
        return new AutoCompaction(on, maxRuns);
    }

    public AutoCompaction withMaxRuns(int runs) {
        return new AutoCompaction(enabled, runs);
    }

    /** As the table properties read: {@code autoCompact=true, autoCompact.maxRuns=8}. */
    @Override
    public String toString() {
        return TableDefinition.AUTO_COMPACT + "=" + enabled + ", " + TableDefinition.AUTO_COMPACT_MAX_RUNS + "=" + maxRuns;
    }
}
