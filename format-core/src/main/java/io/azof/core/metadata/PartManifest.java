package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;

/**
 * The content of a part's manifest: its bases, and its deltas either listed here (up to {@link #CHUNK_FILES}) or spread
 * over chunk files ({@link ChunkRef}), so that a part with many files is read, and rewritten by a commit, a chunk at a
 * time.
 */
public record PartManifest(List<BaseFile> bases, List<DeltaFile> deltas, List<ChunkRef> chunks) implements Serializable {
    /**
     * The most deltas a manifest lists itself, and the most a chunk holds. Small enough that a commit rewrites little and a
     * one-key read parses little; a part with autoCompact on rarely has more than a handful of runs.
     */
    public static final int CHUNK_FILES = 32;
    /**
     * A system property that overrides {@link #CHUNK_FILES} for the commits of this JVM: a tuning knob, and how tests make
     * small tables use chunks. Readers need not know it, since manifests say how they are chunked.
     */
    public static final String CHUNK_FILES_PROPERTY = "azof.manifest.chunkFiles";

    public PartManifest {
        bases = List.copyOf(bases);
        deltas = List.copyOf(deltas);
        chunks = List.copyOf(chunks);
        if (!deltas.isEmpty() && !chunks.isEmpty()) {
            throw new IllegalArgumentException("a part manifest lists its deltas or names chunks, not both");
        }
    }

    public boolean isChunked() {
        return !chunks.isEmpty();
    }
}
