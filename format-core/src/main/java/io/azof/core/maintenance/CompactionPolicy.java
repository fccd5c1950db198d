package io.azof.core.maintenance;

import io.azof.core.layout.SegmentGranularity;
import java.io.Serializable;

/**
 * What a compaction builds, and how big its files are (SPEC section 6.8). Two kinds of work, each leaving every answer
 * as it was:
 * <ul>
 *   <li><b>Bases.</b> A read as of T merges, per bucket, the latest base at or before T and every file after it (plus
 *       late rows that arrived after the base was built). Compaction looks at each segment start S and counts what a
 *       read there merges from before S; when that reaches {@code minFilesToMerge} files or {@code minBytesToMerge}
 *       bytes in a bucket, it builds a new base for S and that bucket. Lower thresholds give faster reads and more
 *       storage: each base holds one record per key of its bucket.</li>
 *   <li><b>Merged runs.</b> Appends inside one segment each add a delta per bucket; bases at segment starts cannot help
 *       a read of the newest segment. When a current read (after the bases planned) would still merge at least
 *       {@code minRunsToMerge} small deltas (under {@code targetFileBytes}) of one segment and bucket, they are rewritten
 *       as sorted runs holding every record of theirs, which replace them.</li>
 * </ul>
 *
 * @param minFilesToMerge build a base when a read at a segment start would merge at least this many files of
 *     a bucket from before it (the base it would use counts as one); at least 2. 2 puts a base at every segment
 * @param minBytesToMerge the same trigger by the bytes of those files; {@link Long#MAX_VALUE} turns it off
 * @param targetFileBytes bases and merged runs are split between keys once they reach about this size
 * @param baseGranularity only segment starts that begin a period of this granularity get bases (e.g. YEAR on a
 *     monthly table: one base a year); null for every segment
 * @param fromMicros only segments starting at or after this event time (epoch microseconds); null for no limit
 * @param untilMicros only segments starting before this event time; null for no limit
 * @param minRunsToMerge merge the small deltas of a segment and bucket once there are at least this many of similar
 *     size (see {@link CompactionPlanner#runsToMerge}); at least 2, or 0 to merge none
 */
public record CompactionPolicy(int minFilesToMerge, long minBytesToMerge, long targetFileBytes, SegmentGranularity baseGranularity,
                               Long fromMicros, Long untilMicros, int minRunsToMerge) implements Serializable {
    public static final int DEFAULT_MIN_FILES_TO_MERGE = 4;
    public static final int DEFAULT_MIN_RUNS_TO_MERGE = 4;
    public static final long DEFAULT_TARGET_FILE_BYTES = 128L * 1024 * 1024;

    public CompactionPolicy {
        if (minFilesToMerge < 2) {
            throw new IllegalArgumentException("minFilesToMerge must be at least 2 (a read that merges one file needs no base), got "
                    + minFilesToMerge);
        }
        if (minBytesToMerge < 1) {
            throw new IllegalArgumentException("minBytesToMerge must be positive, got " + minBytesToMerge);
        }
        if (targetFileBytes < 1) {
            throw new IllegalArgumentException("targetFileBytes must be positive, got " + targetFileBytes);
        }
        if (fromMicros != null && untilMicros != null && fromMicros >= untilMicros) {
            throw new IllegalArgumentException("the event-time range to compact is empty: from " + fromMicros + " until " + untilMicros);
        }
        if (minRunsToMerge == 1 || minRunsToMerge < 0) {
            throw new IllegalArgumentException("minRunsToMerge must be at least 2 (merging one run changes nothing), or 0 to merge none, got "
                    + minRunsToMerge);
        }
    }

    /**
     * A base once a read would merge 4 files of a bucket; merged runs once a current read would merge 4 small deltas of
     * one segment and bucket; 128 MiB files; every segment; no event-time limit.
     */
    public static CompactionPolicy defaults() {
        return new CompactionPolicy(DEFAULT_MIN_FILES_TO_MERGE, Long.MAX_VALUE, DEFAULT_TARGET_FILE_BYTES, null, null, null,
                DEFAULT_MIN_RUNS_TO_MERGE);
    }

    public CompactionPolicy withMinFilesToMerge(int files) {
        return new CompactionPolicy(files, minBytesToMerge, targetFileBytes, baseGranularity, fromMicros, untilMicros, minRunsToMerge);
    }

    public CompactionPolicy withMinBytesToMerge(long bytes) {
        return new CompactionPolicy(minFilesToMerge, bytes, targetFileBytes, baseGranularity, fromMicros, untilMicros, minRunsToMerge);
    }

    public CompactionPolicy withTargetFileBytes(long bytes) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, bytes, baseGranularity, fromMicros, untilMicros, minRunsToMerge);
    }

    public CompactionPolicy withBaseGranularity(SegmentGranularity granularity) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, targetFileBytes, granularity, fromMicros, untilMicros, minRunsToMerge);
    }

    /** Limits the work to segments starting in [from, until); either may be null. */
    public CompactionPolicy withEventTimeRange(Long from, Long until) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, targetFileBytes, baseGranularity, from, until, minRunsToMerge);
    }

    /** Merges the small deltas of a segment and bucket once a current read merges this many; 0 merges none. */
    public CompactionPolicy withMinRunsToMerge(int runs) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, targetFileBytes, baseGranularity, fromMicros, untilMicros, runs);
    }

    /**
     * What a write runs after its commit when the table's {@code autoCompact} is on and a read of the newest data would
     * merge more than {@code autoCompact.maxRuns} files in some bucket: the defaults, merging runs from two of similar size.
     */
    public static CompactionPolicy afterWrites() {
        return defaults().withMinRunsToMerge(2);
    }

    boolean considers(long segmentStartMicros) {
        return (fromMicros == null || segmentStartMicros >= fromMicros)
                && (untilMicros == null || segmentStartMicros < untilMicros)
                && (baseGranularity == null || baseGranularity.segmentOf(segmentStartMicros).startMicros() == segmentStartMicros);
    }

    /** Whether merged runs may replace deltas of the segment starting here: the event-time range limits them too. */
    boolean mayMergeRunsOf(long segmentStartMicros) {
        return minRunsToMerge > 0 && (fromMicros == null || segmentStartMicros >= fromMicros)
                && (untilMicros == null || segmentStartMicros < untilMicros);
    }
}
