package io.azof.core.table;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Snapshot;

/** An azof table opened at one of its snapshots. */
public final class AzofTable {
    private final TableStorage storage;
    private final Snapshot snapshot;

    private AzofTable(TableStorage storage, Snapshot snapshot) {
        this.storage = storage;
        this.snapshot = snapshot;
    }

    /** Opens the table at its latest snapshot. */
    public static AzofTable open(TableStorage storage) {
        return open(storage, VersionSelector.latest());
    }

    /**
     * Opens the table at the snapshot {@code selector} picks.
     *
     * @throws TableNotFoundException when the location holds no azof table
     * @throws InvalidMetadataException when a metadata file is unreadable, naming the file and the field
     * @throws io.azof.core.exceptions.VersionNotFoundException when the version or system time has no snapshot
     */
    public static AzofTable open(TableStorage storage, VersionSelector selector) {
        SnapshotLog log = new SnapshotLog(storage);
        long latest = log.latestVersion();
        if (latest == 0) {
            throw new TableNotFoundException("No azof table at " + storage.tableLocation() + ": there is no snapshot file (s1.json, ...)"
                    + " and " + MetadataFiles.VERSION_HINT + " is missing or unreadable (" + storage.location(MetadataFiles.VERSION_HINT) + ")");
        }
        long version = latest;
        if (selector.version() != null) {
            version = selector.version();
        } else if (selector.systemTimeMillis() != null) {
            version = log.versionAt(selector.systemTimeMillis());
        }
        return new AzofTable(storage, log.read(version));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public TableStorage storage() {
        return storage;
    }
}
