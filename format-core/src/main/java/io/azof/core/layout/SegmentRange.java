package io.azof.core.layout;

/** A segment's id and its inclusive event-time range in epoch microseconds. */
public record SegmentRange(String id, long startMicros, long endMicros) {
    public boolean contains(long eventTimeMicros) {
        return startMicros <= eventTimeMicros && eventTimeMicros <= endMicros;
    }
}
