package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * A delta file of a segment: the records whose event times lie in [start, end] (epoch microseconds).
 *
 * @param stats present in format version 2 tables, null in azof 0.2.1 tables
 */
public record DeltaFile(String file, long startMicros, long endMicros, FileStats stats) implements Serializable {
    public DeltaFile {
        Objects.requireNonNull(file, "file");
    }

    /** An azof 0.2.1 delta, which records no statistics. */
    public DeltaFile(String file, long startMicros, long endMicros) {
        this(file, startMicros, endMicros, null);
    }
}
