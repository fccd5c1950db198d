package io.azof.core.maintenance;

import io.azof.core.exceptions.InvalidOptionException;
import java.time.Duration;

/**
 * What {@link Vacuum} may delete: files no retained version references that were last modified longer
 * than {@code retention} ago.
 *
 * @param retention how old an unreferenced file must be before it is deleted; at least
 *     {@link #MINIMUM_RETENTION} unless {@code allowShortRetention}
 * @param dryRun true to list what would be deleted and delete nothing
 * @param allowShortRetention true to accept a retention under {@link #MINIMUM_RETENTION}, knowing that the
 *     files of a write still running are not referenced by any version yet and may be taken
 */
public record VacuumRequest(Duration retention, boolean dryRun, boolean allowShortRetention) {
    /**
     * Files a writer has written but not yet committed are referenced by no version; the retention is what
     * keeps vacuum from deleting them, so it must exceed the longest write.
     */
    public static final Duration MINIMUM_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_RETENTION = MINIMUM_RETENTION;

    public VacuumRequest {
        if (retention == null || retention.isNegative()) {
            throw new InvalidOptionException("Vacuum retention must be a duration of zero or more, not " + retention);
        }
        if (retention.compareTo(MINIMUM_RETENTION) < 0 && !allowShortRetention) {
            throw new InvalidOptionException("Vacuum retention " + retention + " is under the minimum of " + MINIMUM_RETENTION.toDays()
                    + " days: a write still running has data files that no version references yet, and vacuum would delete"
                    + " those older than the retention, so that write would commit a version whose files are gone."
                    + " Allow a short retention explicitly (allowShortRetention) only when no write can be running for longer.");
        }
    }

    /** Deletes unreferenced files older than the default retention of 7 days. */
    public static VacuumRequest defaults() {
        return new VacuumRequest(DEFAULT_RETENTION, false, false);
    }

    /** Lists what {@link #defaults()} would delete, deleting nothing. */
    public static VacuumRequest dryRunDefaults() {
        return new VacuumRequest(DEFAULT_RETENTION, true, false);
    }

    public VacuumRequest withRetention(Duration newRetention) {
        return new VacuumRequest(newRetention, dryRun, allowShortRetention);
    }

    public VacuumRequest withDryRun(boolean newDryRun) {
        return new VacuumRequest(retention, newDryRun, allowShortRetention);
    }

    /** A request with {@code newRetention}, accepted even under the minimum. */
    public VacuumRequest withShortRetention(Duration newRetention) {
        return new VacuumRequest(newRetention, dryRun, true);
    }
}
