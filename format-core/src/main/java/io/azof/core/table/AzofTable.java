package io.azof.core.table;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An azof table opened at its current snapshot. */
public final class AzofTable {
    private final TableStorage storage;
    private final Snapshot snapshot;

    private AzofTable(TableStorage storage, Snapshot snapshot) {
        this.storage = storage;
        this.snapshot = snapshot;
    }

    /**
     * Opens the table at the snapshot {@code version.txt} names.
     *
     * @throws TableNotFoundException when the location holds no azof table
     * @throws InvalidMetadataException when a metadata file is unreadable, naming the file and the field
     */
    public static AzofTable open(TableStorage storage) {
        try {
            if (!storage.exists(MetadataFiles.VERSION_HINT)) {
                throw new TableNotFoundException("No azof table at " + storage.tableLocation()
                        + ": " + MetadataFiles.VERSION_HINT + " is missing (" + storage.location(MetadataFiles.VERSION_HINT) + ")");
            }
            long version = parseVersion(new String(storage.readAll(MetadataFiles.VERSION_HINT), StandardCharsets.UTF_8));
            String snapshotFile = MetadataFiles.snapshotFile(version);
            if (!storage.exists(snapshotFile)) {
                throw new InvalidMetadataException(MetadataFiles.VERSION_HINT + " names version " + version
                        + " but its snapshot file " + snapshotFile + " is missing (" + storage.location(snapshotFile) + ")");
            }
            String json = new String(storage.readAll(snapshotFile), StandardCharsets.UTF_8);
            return new AzofTable(storage, SnapshotJson.parse(snapshotFile, version, json));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read azof table metadata at " + storage.tableLocation(), e);
        }
    }

    private static long parseVersion(String text) {
        try {
            long version = Long.parseLong(text.trim());
            if (version < 1) {
                throw new NumberFormatException("below 1");
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidMetadataException(MetadataFiles.VERSION_HINT + " must hold a snapshot version (a whole number >= 1), but holds '"
                    + text.strip() + "'");
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public TableStorage storage() {
        return storage;
    }
}
