package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A segment of a format version 3 root: its event-time range and its parts, one per bucket that has files, in bucket order.
 *
 * @param endMicros inclusive end in epoch microseconds, or null for an open segment
 */
public record SegmentRef(String id, long startMicros, Long endMicros, List<PartRef> parts) implements Serializable {
    public SegmentRef {
        Objects.requireNonNull(id, "id");
        parts = List.copyOf(parts);
    }
}
