package io.azof.benchmarks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the metadata scenario measured on one synthetic table ({@link SyntheticMeasurement}). A size that ran out of
 * heap, or was skipped, keeps what was measured before and says why it stopped.
 *
 * @param snapshotBytes      bytes of the latest snapshot file {@code s<V>.json}; -1 when it could not be written
 * @param parsedSnapshotBytes heap the parsed latest snapshot holds (used heap after a full GC with it, minus without
 *                           it): what every reader and committer holds while it plans; -1 when not measured
 * @param nanos              each timed operation's repetitions, in the order run
 * @param wholePlanFiles     the files a whole-table read as of {@link SyntheticTable#asOfNow()} plans to open; -1 when
 *                           not measured
 * @param wholePlanTasks     the tasks that plan has
 * @param keyPlanFiles       the files a read of {@link SyntheticTable#probeKey()} as of that time plans to open
 * @param appendSnapshotBytes metadata bytes the last timed append that committed wrote: its {@code s<N>.json} and, in
 *                           format version 3, the manifests and chunks written for it; -1 when none did
 * @param versionAfter       the latest version after the timed appends, each of which commits one; -1 when none ran
 * @param elapsedNanos       the wall-clock time of everything done for this size, generating the table included
 * @param stopped            why the size stopped early (out of heap, or skipped), or empty when it ran to the end
 */
public record SyntheticResult(SyntheticTableParameters parameters, long snapshotBytes, long parsedSnapshotBytes,
                              Map<Operation, List<Long>> nanos, int wholePlanFiles, int wholePlanTasks, int keyPlanFiles,
                              long appendSnapshotBytes, long versionAfter, long elapsedNanos, Optional<String> stopped) {
    /** The operations timed, in the order they run. */
    public enum Operation {
        /** {@code Table.newFormatUpgrade().commit()}: format version 2's listing written as format version 3 manifests (once). */
        UPGRADE("upgrade to format version 3"),
        /**
         * What a commit and a plan read first: format version 2's {@code Table.latestSnapshot()} (every file listed), format
         * version 3's {@code Table.head(latest)} (the root).
         */
        READ_SNAPSHOT("read latest snapshot"),
        /** {@code table.newScan().asOf(now).planTasks()}: a read of the whole table. */
        PLAN_WHOLE_TABLE("plan whole table"),
        /** The same with a key filter {@code key = probeKey}, with no parsed manifest cached: a JVM's first plan of the table. */
        PLAN_ONE_KEY("plan one key"),
        /** The same again, after one untimed plan: a later plan in the same JVM, its manifests cached (format version 3). */
        PLAN_ONE_KEY_CACHED("plan one key, cached"),
        /** {@code table.newAppend().writeId(id).rows(...).commit()} of a minute's batch. */
        APPEND("append + commit");

        final String label;

        Operation(String label) {
            this.label = label;
        }
    }

    public SyntheticResult {
        Map<Operation, List<Long>> copy = new EnumMap<>(Operation.class);
        nanos.forEach((operation, runs) -> copy.put(operation, List.copyOf(runs)));
        nanos = copy;
    }

    /** The median of an operation's repetitions in milliseconds, or empty when it did not run. */
    public OptionalDouble medianMillis(Operation operation) {
        List<Long> runs = nanos.getOrDefault(operation, List.of());
        return runs.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Timings.median(runs) / 1e6);
    }

    /** Whether every operation ran. */
    public boolean complete() {
        return stopped.isEmpty();
    }
}
