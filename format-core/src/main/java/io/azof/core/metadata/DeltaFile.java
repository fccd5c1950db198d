package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/** A delta file of a segment: the records whose event times lie in [start, end] (epoch microseconds). */
public record DeltaFile(String file, long startMicros, long endMicros) implements Serializable {
    public DeltaFile {
        Objects.requireNonNull(file, "file");
    }
}
