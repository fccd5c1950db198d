package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a format version 2 commit recorded about itself, without the table it produced: the part of a
 * snapshot that outlives expiry, so the table's history stays complete.
 *
 * @param committedAtMillis commit time in epoch milliseconds; strictly increasing with the version
 * @param writeId the writer-supplied id of this write, or null
 * @param rowsDropped rows an append with overlap policy {@code skip} left out (SPEC section 6.15)
 */
public record CommitRecord(
        long version,
        long committedAtMillis,
        String operation,
        String writeId,
        long rowsAdded,
        long filesAdded,
        long rowsRemoved,
        long filesRemoved,
        long rowsDropped) implements Serializable {

    public CommitRecord {
        Objects.requireNonNull(operation, "operation");
    }

    /** A commit that dropped no rows for overlapping. */
    public CommitRecord(long version, long committedAtMillis, String operation, String writeId, long rowsAdded, long filesAdded,
                        long rowsRemoved, long filesRemoved) {
        this(version, committedAtMillis, operation, writeId, rowsAdded, filesAdded, rowsRemoved, filesRemoved, 0);
    }

    public static CommitRecord of(long version, CommitInfo commit) {
        return new CommitRecord(version, commit.committedAtMillis(), commit.operation(), commit.writeId(),
                commit.rowsAdded(), commit.filesAdded(), commit.rowsRemoved(), commit.filesRemoved(), commit.rowsDropped());
    }
}
