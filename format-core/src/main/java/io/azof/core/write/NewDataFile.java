package io.azof.core.write;

import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.FileStats;
import java.io.Serializable;

/** A data file written by a write that is not yet committed: where it goes in the segment tree and its statistics. */
public record NewDataFile(SegmentRange segment, String file, FileStats stats) implements Serializable {
}
