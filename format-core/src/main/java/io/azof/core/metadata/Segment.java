package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A node of the event-time segment tree.
 *
 * @param endMicros inclusive end in epoch microseconds, or null for an open ("current") segment
 * @param baseFile azof 0.2.1: the materialised state at {@code startMicros}, or null when the segment has none
 * @param bases format version 2: base files built by compaction, each the state just before {@code startMicros}
 *     for one bucket (see {@link BaseFile})
 */
public record Segment(
        String id,
        long startMicros,
        Long endMicros,
        String baseFile,
        List<DeltaFile> deltas,
        List<Segment> children,
        List<BaseFile> bases) implements Serializable {

    public Segment {
        Objects.requireNonNull(id, "id");
        deltas = List.copyOf(deltas);
        children = List.copyOf(children);
        bases = List.copyOf(bases);
    }

    /** A segment without format version 2 base files. */
    public Segment(String id, long startMicros, Long endMicros, String baseFile, List<DeltaFile> deltas, List<Segment> children) {
        this(id, startMicros, endMicros, baseFile, deltas, children, List.of());
    }

    public Segment withFiles(List<DeltaFile> newDeltas, List<BaseFile> newBases) {
        return new Segment(id, startMicros, endMicros, baseFile, newDeltas, children, newBases);
    }

    public boolean isOpen() {
        return endMicros == null;
    }
}
