package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * A delta file of a segment: the records whose event times lie in [start, end] (epoch microseconds).
 *
 * @param stats present in format version 2 tables, null in azof 0.2.1 tables
 * @param coverage the file's coverage file (SPEC section 6.14): per key with upserts in it, the slots they cover; null
 *     when the table records no coverage
 */
public record DeltaFile(String file, long startMicros, long endMicros, FileStats stats, String coverage) implements Serializable {
    public DeltaFile {
        Objects.requireNonNull(file, "file");
    }

    /** A delta of a table that records no coverage. */
    public DeltaFile(String file, long startMicros, long endMicros, FileStats stats) {
        this(file, startMicros, endMicros, stats, null);
    }

    /** An azof 0.2.1 delta, which records no statistics. */
    public DeltaFile(String file, long startMicros, long endMicros) {
        this(file, startMicros, endMicros, null);
    }
}
