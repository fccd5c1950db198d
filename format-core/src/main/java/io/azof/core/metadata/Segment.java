package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A node of the event-time segment tree.
 *
 * @param endMicros inclusive end in epoch microseconds, or null for an open ("current") segment
 * @param baseFile the materialised state at {@code startMicros}, or null when the segment has none
 */
public record Segment(
        String id,
        long startMicros,
        Long endMicros,
        String baseFile,
        List<DeltaFile> deltas,
        List<Segment> children) implements Serializable {

    public Segment {
        Objects.requireNonNull(id, "id");
        deltas = List.copyOf(deltas);
        children = List.copyOf(children);
    }

    public boolean isOpen() {
        return endMicros == null;
    }
}
