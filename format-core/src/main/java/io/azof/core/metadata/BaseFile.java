package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * A base file of a format version 2 segment: for the keys of one bucket, the record that wins as of just
 * before the segment's start (the greatest event time, then version, among records with an earlier event
 * time), taken from the records of version {@code coversVersion}. Deletes that win are kept, so a late row
 * older than the delete still loses to it. Every record keeps its own event time and version.
 *
 * @param coversVersion the version whose records the base summarises; files added later are read beside it
 */
public record BaseFile(String file, FileStats stats, long coversVersion) implements Serializable {
    public BaseFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stats, "stats");
    }
}
