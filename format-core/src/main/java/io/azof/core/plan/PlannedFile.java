package io.azof.core.plan;

import java.io.Serializable;
import java.util.Objects;

/** One data file a read must open, relative to the table directory, with where it came from. */
public record PlannedFile(String file, FileRole role, String segmentId) implements Serializable {
    public PlannedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(segmentId, "segmentId");
    }
}
