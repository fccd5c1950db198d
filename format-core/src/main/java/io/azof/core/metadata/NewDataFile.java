package io.azof.core.metadata;

import io.azof.core.layout.SegmentRange;
import java.io.Serializable;
import java.util.Objects;

/**
 * A data file written but not yet committed: where it goes in the segment tree, what it is, and its statistics.
 *
 * @param role {@link FileRole#DELTA} for a write's files and for the runs that run merging writes, {@link FileRole#BASE}
 *     for the bases compaction builds
 * @param coverage the delta's coverage file, written beside it when the table records coverage; null otherwise, and for bases
 */
public record NewDataFile(SegmentRange segment, String file, FileRole role, FileStats stats, String coverage) implements Serializable {
    public NewDataFile {
        Objects.requireNonNull(role, "role");
    }

    /** The same file with other statistics. */
    public NewDataFile withStats(FileStats newStats) {
        return new NewDataFile(segment, file, role, newStats, coverage);
    }
}
