package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a format version 2 commit recorded about itself, without the table it produced: the part of a
 * snapshot that outlives expiry, so the table's history stays complete.
 *
 * @param committedAtMillis commit time in epoch milliseconds; strictly increasing with the version
 * @param writeId the writer-supplied id of this write, or null
 */
public record CommitRecord(
        long version,
        long committedAtMillis,
        String operation,
        String writeId,
        long rowsAdded,
        long filesAdded,
        long rowsRemoved,
        long filesRemoved) implements Serializable {

    public CommitRecord {
        Objects.requireNonNull(operation, "operation");
    }

    public static CommitRecord of(long version, CommitInfo commit) {
        return new CommitRecord(version, commit.committedAtMillis(), commit.operation(), commit.writeId(),
                commit.rowsAdded(), commit.filesAdded(), commit.rowsRemoved(), commit.filesRemoved());
    }
}
