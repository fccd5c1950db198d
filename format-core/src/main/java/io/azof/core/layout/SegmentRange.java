package io.azof.core.layout;

import java.io.Serializable;

/**
 * A segment's id and its inclusive event-time range in epoch microseconds. Serializable because a
 * {@link io.azof.core.metadata.NewDataFile} written on a worker carries it back to the committing driver.
 */
public record SegmentRange(String id, long startMicros, long endMicros) implements Serializable {
    public boolean contains(long eventTimeMicros) {
        return startMicros <= eventTimeMicros && eventTimeMicros <= endMicros;
    }
}
