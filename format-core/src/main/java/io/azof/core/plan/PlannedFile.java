package io.azof.core.plan;

import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import java.io.Serializable;
import java.util.Objects;

/**
 * One data file a read must open, relative to the table directory, with where it came from.
 *
 * @param stats the file's statistics in format version 2 tables; null in azof 0.2.1 tables
 */
public record PlannedFile(String file, FileRole role, String segmentId, FileStats stats) implements Serializable {
    public PlannedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(segmentId, "segmentId");
    }

    /** A file of an azof 0.2.1 table. */
    public PlannedFile(String file, FileRole role, String segmentId) {
        this(file, role, segmentId, null);
    }
}
