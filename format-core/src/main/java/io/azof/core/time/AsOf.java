package io.azof.core.time;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The event time a read looks at: either "current" (+infinity) or an inclusive instant.
 *
 * <p>Instants are held as microseconds since the epoch, Spark's own precision, so comparisons with
 * event times read from files never lose or invent precision.
 */
public final class AsOf implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AsOf CURRENT = new AsOf(true, Long.MAX_VALUE);

    private final boolean current;
    private final long micros;

    private AsOf(boolean current, long micros) {
        this.current = current;
        this.micros = micros;
    }

    public static AsOf current() {
        return CURRENT;
    }

    public static AsOf eventTime(long epochMicros) {
        return new AsOf(false, epochMicros);
    }

    public static AsOf eventTime(Instant instant) {
        return eventTime(Micros.of(instant));
    }

    public boolean isCurrent() {
        return current;
    }

    /** The as-of instant in epoch microseconds; only meaningful when not {@link #isCurrent()}. */
    public long micros() {
        if (current) {
            throw new IllegalStateException("AsOf.current() has no instant");
        }
        return micros;
    }

    /** True when a record with this event time is visible at this as-of (T is inclusive). */
    public boolean includes(long eventTimeMicros) {
        return current || eventTimeMicros <= micros;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsOf other && current == other.current && micros == other.micros;
    }

    @Override
    public int hashCode() {
        return Objects.hash(current, micros);
    }

    @Override
    public String toString() {
        return current ? "current" : Micros.toInstant(micros).toString();
    }
}
