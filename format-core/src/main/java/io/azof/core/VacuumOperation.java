package io.azof.core;

import io.azof.core.maintenance.Vacuum;
import io.azof.core.maintenance.VacuumRequest;
import java.time.Duration;

/**
 * Vacuum ({@link Table#vacuum()}; SPEC section 6.10): deletes the data files no retained version references, and
 * leftovers of metadata writes that died, once they were last modified longer ago than the retention (default 7
 * days). The retention is what protects a write still running, whose files no version references until it commits.
 */
public final class VacuumOperation {
    private final Table table;
    private Duration retention = VacuumRequest.DEFAULT_RETENTION;
    private boolean allowShortRetention;
    private boolean dryRun;

    VacuumOperation(Table table) {
        this.table = table;
    }

    /** How old an unreferenced file must be to go; at least {@link VacuumRequest#MINIMUM_RETENTION} unless {@link #allowShortRetention()}. */
    public VacuumOperation retention(Duration minimumAge) {
        this.retention = minimumAge;
        return this;
    }

    /**
     * Accepts a retention under 7 days, knowing that a write still running has files no version references yet, which
     * a short retention lets vacuum delete.
     */
    public VacuumOperation allowShortRetention() {
        this.allowShortRetention = true;
        return this;
    }

    /** Lists what would be deleted and deletes nothing. */
    public VacuumOperation dryRun() {
        this.dryRun = true;
        return this;
    }

    /**
     * Deletes (or for a dry run lists) the files.
     *
     * @throws io.azof.core.exceptions.InvalidOptionException for a retention under 7 days without {@link #allowShortRetention()}
     * @throws io.azof.core.exceptions.TableNotFoundException when there is no table
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which is never changed
     */
    public Vacuum.Result commit() {
        VacuumRequest request = new VacuumRequest(retention, dryRun, allowShortRetention);
        table.latestWritable("vacuum");
        return Vacuum.run(table.storage(), request, table.clock());
    }
}
