package io.azof.core.scan;

/**
 * What one reader did, for engines to show beside the query (Spark UI metrics) and for tests to check
 * pruning and merging. Not thread-safe: each reader owns one.
 */
public final class ScanMetrics {
    private long baseFilesOpened;
    private long deltaFilesOpened;
    private long rowsRead;
    private long rowsReturned;
    private long rowsShadowed;
    private long mergeNanos;
    private long decodeNanos;
    private long runsPreMerged;

    public void fileOpened(boolean base) {
        if (base) {
            baseFilesOpened++;
        } else {
            deltaFilesOpened++;
        }
    }

    /** Rows decoded from data files, including those after T that the merge never considers. */
    public void rowsRead(long rows) {
        rowsRead += rows;
    }

    public void rowReturned() {
        rowsReturned++;
    }

    /** Records at or before T that did not surface: superseded by a newer record of their key, or deletes. */
    public void rowsShadowed(long rows) {
        rowsShadowed += rows;
    }

    /** Time spent merging, excluding the decoding of data files. */
    public void mergeNanos(long nanos) {
        mergeNanos += nanos;
    }

    /** Time spent decoding data files, where a reader can tell it apart from merging (batch readers). */
    public void decodeNanos(long nanos) {
        decodeNanos += nanos;
    }

    /** Runs merged into local spills before the merge proper, because the task had more files than it may open at once. */
    public void runsPreMerged(long runs) {
        runsPreMerged += runs;
    }

    public long runsPreMerged() {
        return runsPreMerged;
    }

    public long baseFilesOpened() {
        return baseFilesOpened;
    }

    public long deltaFilesOpened() {
        return deltaFilesOpened;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long rowsReturned() {
        return rowsReturned;
    }

    public long rowsShadowed() {
        return rowsShadowed;
    }

    public long mergeNanos() {
        return mergeNanos;
    }

    public long decodeNanos() {
        return decodeNanos;
    }
}
