package io.azof.core.metadata;

import io.azof.core.layout.SegmentRange;
import java.io.Serializable;
import java.util.Objects;

/**
 * A data file written but not yet committed: where it goes in the segment tree, what it is, and its statistics.
 *
 * @param role {@link FileRole#DELTA} for a write's files and for the runs that run merging writes, {@link FileRole#BASE}
 *     for the bases compaction builds
 */
public record NewDataFile(SegmentRange segment, String file, FileRole role, FileStats stats) implements Serializable {
    public NewDataFile {
        Objects.requireNonNull(role, "role");
    }
}
