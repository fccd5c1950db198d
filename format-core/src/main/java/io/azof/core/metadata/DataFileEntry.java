package io.azof.core.metadata;

/**
 * One entry of a snapshot's segment tree that names a data file: an azof 0.2.1 base ({@code file}), a delta, or a
 * format version 2 base built by compaction.
 *
 * @param fieldPath where the snapshot file names it, e.g. {@code segments[3].delta[1]}, for messages
 * @param delta the entry when it is a delta, else null
 * @param base the entry when it is a format version 2 base, else null
 */
public record DataFileEntry(String file, FileRole role, Segment segment, String fieldPath, DeltaFile delta, BaseFile base) {

    /** The statistics the snapshot records; null in azof 0.2.1 snapshots. */
    public FileStats stats() {
        return delta != null ? delta.stats() : base != null ? base.stats() : null;
    }

    /** For a base built by compaction, the version whose records it summarises; null otherwise. */
    public Long coversVersion() {
        return base == null ? null : base.coversVersion();
    }
}
