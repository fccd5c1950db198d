package io.azof.core.testing;

import io.azof.core.time.Micros;
import java.time.Duration;
import java.time.Instant;

/**
 * Time literals for tests: ISO-8601 text to the epoch microseconds azof stores, and the instants tests commit at.
 * Each method parses exactly what its name says, so a literal of the wrong shape fails rather than being guessed at.
 */
public final class TestTimes {
    private static final Instant JUNE_1_2024 = Instant.parse("2024-06-01T00:00:00Z");

    private TestTimes() {
    }

    /** The instant of an ISO-8601 instant such as {@code "2024-01-05T10:30:00.250Z"}. */
    public static Instant instant(String isoInstant) {
        return Instant.parse(isoInstant);
    }

    /** Epoch microseconds of an ISO-8601 instant such as {@code "2024-01-05T10:30:00.250Z"}. */
    public static long micros(String isoInstant) {
        return Micros.of(Instant.parse(isoInstant));
    }

    /** Epoch microseconds at 00:00 UTC of an ISO-8601 date such as {@code "2024-01-05"}. */
    public static long startOfDayMicros(String isoDate) {
        return Micros.of(Instant.parse(isoDate + "T00:00:00Z"));
    }

    /**
     * Midnight UTC of June {@code day}, 2024 (day 31 is July 1st, and so on): the commit clock the maintenance tests
     * set, version n committed on day n.
     */
    public static Instant june2024(long day) {
        return JUNE_1_2024.plus(Duration.ofDays(day - 1));
    }

    /** ISO-8601 text of an instant given in epoch milliseconds, as the connector's time options take it. */
    public static String isoOfMillis(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
