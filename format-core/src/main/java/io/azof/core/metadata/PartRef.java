package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * One part of a format version 3 snapshot: the data files of one segment in one key-hash bucket, listed in the immutable
 * manifest {@code manifest}, with their statistics summed up so that a root answers counts and prunes without it.
 *
 * @param files the part's data files, bases and deltas
 * @param bases how many of them are bases (compaction, which replaces bases, looks only into parts that have some)
 * @param summary the union of the files' statistics ({@link FileStats#union}); its bucket is the part's
 */
public record PartRef(String manifest, int files, int bases, FileStats summary) implements Serializable {
    public PartRef {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(summary, "summary");
    }

    public int bucket() {
        return summary.bucket();
    }
}
