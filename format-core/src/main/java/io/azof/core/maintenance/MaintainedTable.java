package io.azof.core.maintenance;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Snapshot;
import io.azof.core.table.MetadataFiles;
import io.azof.core.table.SnapshotLog;

/** The checks expiry and vacuum share before they change anything. */
final class MaintainedTable {
    private MaintainedTable() {
    }

    /**
     * The latest snapshot of a format version 2 table.
     *
     * @param operation named in errors, e.g. {@code "expireVersions"}
     * @throws TableNotFoundException when the location holds no table
     * @throws AzofException for an azof 0.2.1 table, which this project reads but never changes
     */
    static Snapshot latestVersion2(TableStorage storage, String operation) {
        SnapshotLog log = new SnapshotLog(storage);
        long latest = log.latestVersion();
        if (latest == 0) {
            throw new TableNotFoundException("No azof table at " + storage.tableLocation() + ": there is no snapshot file (s1.json, ...)"
                    + "; " + operation + " changed nothing");
        }
        Snapshot snapshot = log.read(latest);
        if (snapshot.isLegacy()) {
            throw new AzofException("Table " + storage.tableLocation() + " was written by azof 0.2.1; this azof reads such tables but"
                    + " never changes them, so " + operation + " refuses it and changed nothing. Upgrade it to a new table"
                    + " (azof upgrade) to maintain it. (" + MetadataFiles.snapshotFile(latest) + " has no format_version.)");
        }
        return snapshot;
    }
}
