package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;

/**
 * What a commit recorded about itself (format version 2 snapshots only).
 *
 * @param committedAtMillis commit time in epoch milliseconds; strictly increasing with the version
 * @param writeId the writer-supplied id of this write, or null
 * @param writeIds every write id committed to the table up to and including this version
 */
public record CommitInfo(
        long committedAtMillis,
        String operation,
        String writeId,
        List<String> writeIds,
        long rowsAdded,
        long filesAdded,
        long rowsRemoved,
        long filesRemoved) implements Serializable {

    public static final String CREATE = "create";
    public static final String APPEND = "append";
    public static final String OVERWRITE = "overwrite";
    public static final String COMPACT = "compact";
    /** A schema change: a new table definition, no files added or removed. */
    public static final String ALTER = "alter";

    public CommitInfo {
        writeIds = List.copyOf(writeIds);
    }
}
