package io.azof.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/** A clock that reads epoch milliseconds from a supplier, so a test can commit in the past and move time on. */
public final class SuppliedClock extends Clock {
    private final LongSupplier millis;

    public SuppliedClock(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.getAsLong());
    }

    @Override
    public long millis() {
        return millis.getAsLong();
    }
}
