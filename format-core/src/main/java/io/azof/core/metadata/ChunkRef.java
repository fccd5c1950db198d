package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * A chunk of a format version 3 part: a manifest file of its own holding up to {@link PartManifest#CHUNK_FILES} of the
 * part's deltas, with what planning prunes by summed up over them.
 *
 * @param summary the union of the chunk's files' statistics ({@link FileStats#union})
 */
public record ChunkRef(String file, int files, FileStats summary) implements Serializable {
    public ChunkRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(summary, "summary");
    }
}
