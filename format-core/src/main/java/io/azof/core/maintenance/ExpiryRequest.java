package io.azof.core.maintenance;

import io.azof.core.exceptions.InvalidOptionException;
import java.time.Instant;

/**
 * Which versions {@link VersionExpiry} expires: those committed before {@code olderThan} that are not among
 * the last {@code retainLast} versions. Both conditions must hold, so each one alone only ever keeps more.
 *
 * @param olderThan versions committed at or after this instant are kept; null puts no limit on age
 * @param retainLast how many of the latest versions are always kept, at least 1 (the latest version is never expired)
 */
public record ExpiryRequest(Instant olderThan, int retainLast) {
    public ExpiryRequest {
        if (retainLast < 1) {
            throw new InvalidOptionException("retainLast must be at least 1, not " + retainLast
                    + ": the latest version is the table's current state and is never expired");
        }
    }

    /** Expires every version but the last {@code versions}, whatever their age. */
    public static ExpiryRequest retainLast(int versions) {
        return new ExpiryRequest(null, versions);
    }

    /** Expires every version committed before {@code instant}, except the latest version. */
    public static ExpiryRequest olderThan(Instant instant) {
        if (instant == null) {
            throw new InvalidOptionException("olderThan needs an instant; use retainLast to expire by count alone");
        }
        return new ExpiryRequest(instant, 1);
    }

    /** True when version {@code version}, committed at {@code committedAtMillis}, is to be expired in a table whose latest version is {@code latest}. */
    boolean expires(long version, long committedAtMillis, long latest) {
        boolean oldEnough = olderThan == null || Instant.ofEpochMilli(committedAtMillis).isBefore(olderThan);
        return oldEnough && version <= latest - retainLast;
    }
}
