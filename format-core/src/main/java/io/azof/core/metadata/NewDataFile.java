package io.azof.core.metadata;

import io.azof.core.layout.SegmentRange;
import java.io.Serializable;

/** A data file written by a write that is not yet committed: where it goes in the segment tree and its statistics. */
public record NewDataFile(SegmentRange segment, String file, FileStats stats) implements Serializable {
}
