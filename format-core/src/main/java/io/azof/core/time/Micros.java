package io.azof.core.time;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Conversions between {@link Instant} and epoch microseconds, the one time unit used inside azof. */
public final class Micros {
    private Micros() {
    }

    /** Epoch microseconds of an instant, rounding sub-microsecond fractions down (towards the past). */
    public static long of(Instant instant) {
        long seconds = instant.getEpochSecond();
        long microsOfSecond = instant.getNano() / 1_000L;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), microsOfSecond);
    }

    public static Instant toInstant(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        return Instant.ofEpochSecond(seconds, micros * 1_000L);
    }

    /** Converts a timestamp stored in the given unit to epoch microseconds. */
    public static long fromUnit(long value, TimeUnit unit) {
        return switch (unit) {
            case MILLISECONDS -> Math.multiplyExact(value, 1_000L);
            case MICROSECONDS -> value;
            case NANOSECONDS -> Math.floorDiv(value, 1_000L);
            default -> throw new IllegalArgumentException("unsupported timestamp unit " + unit);
        };
    }
}
