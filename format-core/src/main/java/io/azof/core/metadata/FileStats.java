package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the snapshot knows about a data file of a format version 2 table, so readers can skip it
 * without opening it and merge it without a per-row version column.
 *
 * @param minKey the smallest key in the file (one value per key column, in the value representation of
 *     {@link io.azof.core.types.DataType})
 * @param addedVersion the snapshot version whose commit added the file; 0 while the write is not committed
 */
public record FileStats(
        int bucket,
        long rows,
        long bytes,
        Object[] minKey,
        Object[] maxKey,
        long minEventTimeMicros,
        long maxEventTimeMicros,
        long deletes,
        long addedVersion) implements Serializable {

    public FileStats withAddedVersion(long version) {
        return new FileStats(bucket, rows, bytes, minKey, maxKey, minEventTimeMicros, maxEventTimeMicros, deletes, version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileStats other
                && bucket == other.bucket && rows == other.rows && bytes == other.bytes
                && Arrays.deepEquals(minKey, other.minKey) && Arrays.deepEquals(maxKey, other.maxKey)
                && minEventTimeMicros == other.minEventTimeMicros && maxEventTimeMicros == other.maxEventTimeMicros
                && deletes == other.deletes && addedVersion == other.addedVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, rows, bytes, Arrays.deepHashCode(minKey), Arrays.deepHashCode(maxKey),
                minEventTimeMicros, maxEventTimeMicros, deletes, addedVersion);
    }

    @Override
    public String toString() {
        return "FileStats[bucket=" + bucket + ", rows=" + rows + ", bytes=" + bytes + ", minKey=" + Arrays.deepToString(minKey)
                + ", maxKey=" + Arrays.deepToString(maxKey) + ", eventTimes=" + minEventTimeMicros + ".." + maxEventTimeMicros
                + ", deletes=" + deletes + ", addedVersion=" + addedVersion + "]";
    }
}
