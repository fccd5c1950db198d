package io.azof.core.metadata;

/**
 * Which parts and chunks of a format version 3 root a reader needs, decided from the summaries the root and the part
 * manifests hold, so that a read opens only the manifests of what it can touch (a planner's pruning, or {@link #ALL}).
 */
public interface PartSelection {
    /** Everything: a whole snapshot, as maintenance and validation read it. */
    PartSelection ALL = new PartSelection() {
        @Override
        public boolean readsPart(SegmentRef segment, PartRef part) {
            return true;
        }

        @Override
        public boolean readsChunk(SegmentRef segment, ChunkRef chunk) {
            return true;
        }
    };

    /** Whether the part's manifest is read at all; a part not read contributes no file, not even its bases. */
    boolean readsPart(SegmentRef segment, PartRef part);

    /** Whether a chunk of deltas of a part that is read is read too. */
    boolean readsChunk(SegmentRef segment, ChunkRef chunk);
}
