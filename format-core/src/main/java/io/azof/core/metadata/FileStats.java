package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

    /**
     * What a group of files of one bucket holds in sum, as manifests summarise parts and chunks: rows, bytes and deletes
     * added up, the smallest min and largest max of keys and event times, and the newest added version. A file that can
     * hold a record matching a filter lies in a group whose union can (FilePruning never skips a group it would not skip
     * a file of).
     *
     * @param keyOrder orders the table's keys
     */
    public static FileStats union(List<FileStats> files, Comparator<Object[]> keyOrder) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the union of no files");
        }
        FileStats first = files.get(0);
        long rows = 0;
        long bytes = 0;
        long deletes = 0;
        Object[] minKey = first.minKey;
        Object[] maxKey = first.maxKey;
        long minEventTime = first.minEventTimeMicros;
        long maxEventTime = first.maxEventTimeMicros;
        long addedVersion = first.addedVersion;
        for (FileStats file : files) {
            if (file.bucket != first.bucket) {
                throw new IllegalArgumentException("files of buckets " + first.bucket + " and " + file.bucket + " in one group");
            }
            rows += file.rows;
            bytes += file.bytes;
            deletes += file.deletes;
            minKey = keyOrder.compare(file.minKey, minKey) < 0 ? file.minKey : minKey;
            maxKey = keyOrder.compare(file.maxKey, maxKey) > 0 ? file.maxKey : maxKey;
            minEventTime = Math.min(minEventTime, file.minEventTimeMicros);
            maxEventTime = Math.max(maxEventTime, file.maxEventTimeMicros);
            addedVersion = Math.max(addedVersion, file.addedVersion);
        }
        return new FileStats(first.bucket, rows, bytes, minKey, maxKey, minEventTime, maxEventTime, deletes, addedVersion);
    }

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
