package io.azof.core.maintenance;

import io.azof.core.layout.SegmentGranularity;
import java.io.Serializable;

/**
 * When compaction builds a base, and how big its files are.
 *
 * <p>A read as of T merges, per bucket, the latest base at or before T and every file after it (plus late
 * rows that arrived after the base was built). Compaction looks at each segment start S and counts what
 * a read there merges from before S; when that reaches {@code minFilesToMerge} files or
 * {@code minBytesToMerge} bytes in a bucket, it builds a new base for S and that bucket. Lower thresholds
 * give faster reads and more storage: each base holds one record per key of its bucket.
 *
 * @param minFilesToMerge build a base when a read at a segment start would merge at least this many files of
 *     a bucket from before it (the base it would use counts as one); at least 2. 2 puts a base at every segment
 * @param minBytesToMerge the same trigger by the bytes of those files; {@link Long#MAX_VALUE} turns it off
 * @param targetFileBytes base files are split between keys once they reach about this size
 * @param baseGranularity only segment starts that begin a period of this granularity get bases (e.g. YEAR on a
 *     monthly table: one base a year); null for every segment
 * @param fromMicros only segments starting at or after this event time (epoch microseconds); null for no limit
 * @param untilMicros only segments starting before this event time; null for no limit
 */
public record CompactionPolicy(int minFilesToMerge, long minBytesToMerge, long targetFileBytes, SegmentGranularity baseGranularity,
                               Long fromMicros, Long untilMicros) implements Serializable {
    public static final int DEFAULT_MIN_FILES_TO_MERGE = 4;
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
    }

    /** A base once a read would merge 4 files of a bucket; 128 MiB files; every segment; no event-time limit. */
    public static CompactionPolicy defaults() {
        return new CompactionPolicy(DEFAULT_MIN_FILES_TO_MERGE, Long.MAX_VALUE, DEFAULT_TARGET_FILE_BYTES, null, null, null);
    }

    public CompactionPolicy withMinFilesToMerge(int files) {
        return new CompactionPolicy(files, minBytesToMerge, targetFileBytes, baseGranularity, fromMicros, untilMicros);
    }

    public CompactionPolicy withMinBytesToMerge(long bytes) {
        return new CompactionPolicy(minFilesToMerge, bytes, targetFileBytes, baseGranularity, fromMicros, untilMicros);
    }

    public CompactionPolicy withTargetFileBytes(long bytes) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, bytes, baseGranularity, fromMicros, untilMicros);
    }

    public CompactionPolicy withBaseGranularity(SegmentGranularity granularity) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, targetFileBytes, granularity, fromMicros, untilMicros);
    }

    /** Limits the work to segments starting in [from, until); either may be null. */
    public CompactionPolicy withEventTimeRange(Long from, Long until) {
        return new CompactionPolicy(minFilesToMerge, minBytesToMerge, targetFileBytes, baseGranularity, from, until);
    }

    boolean considers(long segmentStartMicros) {
        return (fromMicros == null || segmentStartMicros >= fromMicros)
                && (untilMicros == null || segmentStartMicros < untilMicros)
                && (baseGranularity == null || baseGranularity.segmentOf(segmentStartMicros).startMicros() == segmentStartMicros);
    }
}
