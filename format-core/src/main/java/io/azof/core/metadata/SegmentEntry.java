package io.azof.core.metadata;

/**
 * One segment of a snapshot's tree with where it sits: its parent (null at the top level; only azof 0.2.1 trees
 * nest) and its field path in the snapshot file, e.g. {@code segments[0].segments[2]}, for messages.
 */
public record SegmentEntry(Segment segment, Segment parent, String fieldPath) {
}
