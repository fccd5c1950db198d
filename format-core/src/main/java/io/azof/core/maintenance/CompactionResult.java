package io.azof.core.maintenance;

/**
 * What a compaction did.
 *
 * @param version the version it committed, or the latest version when there was nothing to do
 * @param committed false when the policy found nothing to compact (no version is created then)
 * @param basesWritten base files added
 * @param rowsWritten records in the files added (bases and merged runs)
 * @param basesReplaced older bases of the same segments and buckets dropped from the table
 * @param runsWritten merged runs added
 * @param runsReplaced deltas the merged runs replace, dropped from the table
 */
public record CompactionResult(long version, boolean committed, int basesWritten, long rowsWritten, int basesReplaced, int runsWritten,
                               int runsReplaced) {
    /** A compaction that found nothing to do at {@code latestVersion}. */
    public static CompactionResult nothingAt(long latestVersion) {
        return new CompactionResult(latestVersion, false, 0, 0, 0, 0, 0);
    }
}
