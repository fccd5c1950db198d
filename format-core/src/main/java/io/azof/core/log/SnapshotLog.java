package io.azof.core.log;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.CommitRecord;
import io.azof.core.metadata.ExpiredSnapshot;
import io.azof.core.metadata.PartSelection;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The sequence of snapshot files {@code s1.json, s2.json, ...} of one table.
 *
 * <p>{@code version.txt} is only a hint: the latest version is the hint's, or the highest consecutive
 * snapshot after it, so a hint left behind by a writer that died (or lost a race to rewrite it) costs
 * a probe, never a wrong answer.
 */
public final class SnapshotLog {
    private final TableStorage storage;

    public SnapshotLog(TableStorage storage) {
        this.storage = storage;
    }

    /** The latest version, or 0 when the table has no snapshot yet. */
    public long latestVersion() {
        try {
            long version = hint();
            if (version == 0) {
                version = earliestListed() - 1;
                if (version < 0) {
                    return 0;
                }
            }
            while (storage.exists(MetadataFiles.snapshotFile(version + 1))) {
                version++;
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the snapshots of " + storage.tableLocation(), e);
        }
    }

    /**
     * The version {@code version.txt} names, or 0 when it is absent, unreadable (a reader can catch a
     * writer rewriting it; two writers rewriting it at once on a store without atomic replace can tear it)
     * or names a snapshot that does not exist; the snapshot files are then listed instead.
     */
    private long hint() {
        try {
            if (!storage.exists(MetadataFiles.VERSION_HINT)) {
                return 0;
            }
            String text = new String(storage.readAll(MetadataFiles.VERSION_HINT), StandardCharsets.UTF_8).strip();
            long version = Long.parseLong(text);
            return version >= 1 && storage.exists(MetadataFiles.snapshotFile(version)) ? version : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The smallest version with a snapshot file in the table directory, or 0 when there is none. */
    public long earliestListed() {
        try {
            long earliest = 0;
            for (String name : storage.list("")) {
                long version = MetadataFiles.versionOf(name);
                if (version > 0) {
                    earliest = earliest == 0 ? version : Math.min(earliest, version);
                }
            }
            return earliest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + storage.tableLocation(), e);
        }
    }

    /**
     * Reads one snapshot; the version must exist and be retained.
     *
     * @throws VersionExpiredException when expiry replaced the snapshot by a stub, naming the retained versions
     * @throws VersionNotFoundException when there is no such version, naming the versions that exist
     */
    public Snapshot read(long version) {
        return read(version, PartSelection.ALL);
    }

    /**
     * Reads one snapshot, of a format version 3 table only the parts and chunks {@code selection} needs: what a reader may
     * plan from, never a snapshot to commit on top of. Format versions 1 and 2 list every file anyway.
     *
     * @throws VersionExpiredException when expiry replaced the snapshot by a stub, naming the retained versions
     * @throws VersionNotFoundException when there is no such version, naming the versions that exist
     */
    public Snapshot read(long version, PartSelection selection) {
        return read(version, table -> selection);
    }

    /**
     * As {@link #read(long)}, with every manifest read from storage rather than from this JVM's cache of parsed ones: what
     * validation checks, since a cached manifest may since have been deleted or altered by hand.
     */
    public Snapshot readFromStorage(long version) {
        SnapshotFile head = readHead(version);
        return head instanceof SnapshotRoot root ? ManifestStore.uncached(storage, root.table().keySchema()).snapshot(root) : (Snapshot) head;
    }

    /** As {@link #read(long, PartSelection)}, with a selection that depends on the table's definition (its buckets, its keys). */
    public Snapshot read(long version, Function<TableDefinition, PartSelection> selection) {
        SnapshotFile head = readHead(version);
        return head instanceof SnapshotRoot root
                ? new ManifestStore(storage, root.table().keySchema()).snapshot(root, selection.apply(root.table()))
                : (Snapshot) head;
    }

    /**
     * Reads one retained version's snapshot file without its manifests: a whole {@link Snapshot} in format versions 1 and 2,
     * the {@link SnapshotRoot} in format version 3 (what a commit or a reader of the table's definition needs).
     *
     * @throws VersionExpiredException when expiry replaced the snapshot by a stub, naming the retained versions
     * @throws VersionNotFoundException when there is no such version, naming the versions that exist
     */
    public SnapshotFile readHead(long version) {
        SnapshotFile file = readFile(version);
        if (file instanceof ExpiredSnapshot) {
            throw new VersionExpiredException("Version " + version + " of table " + storage.tableLocation()
                    + " was expired (expireVersions): only its commit record is kept; " + availableVersions());
        }
        return file;
    }

    /**
     * Reads one snapshot file as it is: a whole snapshot, or the stub of an expired version.
     *
     * @throws VersionNotFoundException when there is no such version, naming the versions that exist
     */
    public SnapshotFile readFile(long version) {
        return readFile(version, () -> new VersionNotFoundException("Version " + version + " does not exist in table "
                + storage.tableLocation() + "; " + availableVersions()));
    }

    /**
     * Reads a snapshot file that must exist because versions are numbered without gaps; unlike {@link #readFile(long)}
     * its error does not list the available versions, since {@link #availableVersions} itself reads this way.
     */
    private SnapshotFile readListedFile(long version) {
        return readFile(version, () -> new InvalidMetadataException("Snapshot file " + MetadataFiles.snapshotFile(version) + " of table "
                + storage.tableLocation() + " is missing, though versions are numbered without gaps from " + earliestListed()));
    }

    private SnapshotFile readFile(long version, Supplier<RuntimeException> missing) {
        String file = MetadataFiles.snapshotFile(version);
        try {
            if (!storage.exists(file)) {
                throw missing.get();
            }
            return SnapshotJson.parseFile(file, version, new String(storage.readAll(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + storage.location(file), e);
        }
    }

    /**
     * The earliest version whose snapshot is whole (not an expiry stub), or 0 when the table has no
     * versions. Expiry replaces snapshots oldest first and never the latest, so the stubs are a prefix of the
     * versions and a binary search finds where they end.
     */
    public long earliestRetained() {
        return earliestRetained(latestVersion());
    }

    private long earliestRetained(long latest) {
        long low = earliestListed();
        if (latest == 0 || low == 0) {
            return 0;
        }
        long high = latest;
        while (low < high) {
            long mid = low + (high - low) / 2;
            if (readListedFile(mid) instanceof ExpiredSnapshot) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (readListedFile(low) instanceof ExpiredSnapshot) {
            throw new InvalidMetadataException("Table " + storage.tableLocation() + ": its latest version " + latest
                    + " is an expiry stub, but expiry never expires the latest version; the table's snapshot files were altered");
        }
        return low;
    }

    /**
     * The latest version committed at or before {@code epochMillis}. Commit times increase with the
     * version (writers guarantee it) and stubs of expired versions keep theirs, so a binary search over all
     * versions finds it; an expired answer is an error, as reading it would be.
     *
     * @throws VersionExpiredException when the version committed at or before that time was expired
     * @throws VersionNotFoundException when no version was committed by then, or the table records no commit times
     */
    public long versionAt(long epochMillis) {
        long latest = latestVersion();
        long low = earliestListed();
        if (latest == 0 || low == 0) {
            throw new VersionNotFoundException("Table " + storage.tableLocation() + " has no versions");
        }
        CommitRecord first = commitRecord(low);
        if (first == null) {
            throw new VersionNotFoundException("Table " + storage.tableLocation() + " was written by azof 0.2.1, which records no commit"
                    + " times, so systemTimeAsOf cannot be used; " + availableVersions());
        }
        if (first.committedAtMillis() > epochMillis) {
            throw new VersionNotFoundException("No version of table " + storage.tableLocation() + " was committed at or before "
                    + Instant.ofEpochMilli(epochMillis) + "; the first version " + low + " was committed at "
                    + Instant.ofEpochMilli(first.committedAtMillis()) + "; " + availableVersions());
        }
        long high = latest;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (commitRecord(mid).committedAtMillis() <= epochMillis) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        if (readFile(low) instanceof ExpiredSnapshot) {
            long retained = earliestRetained(latest);
            throw new VersionExpiredException("Version " + low + " of table " + storage.tableLocation() + ", the one current at system time "
                    + Instant.ofEpochMilli(epochMillis) + ", was expired (expireVersions): the versions committed then are no longer"
                    + " readable. The earliest retained version " + retained + " was committed at "
                    + Instant.ofEpochMilli(commitRecord(retained).committedAtMillis()) + "; " + availableVersions());
        }
        return low;
    }

    /** What a version's commit recorded, whether or not it was expired; null for azof 0.2.1 snapshots, which record nothing. */
    public CommitRecord commitRecord(long version) {
        SnapshotFile file = readFile(version);
        if (file instanceof ExpiredSnapshot stub) {
            return stub.commit();
        }
        if (file instanceof SnapshotRoot root) {
            return root.commitRecord();
        }
        Snapshot snapshot = (Snapshot) file;
        return snapshot.isLegacy() ? null : snapshot.commitRecord();
    }

    /** "available versions: 3 to 17" (the retained ones), for error messages. */
    public String availableVersions() {
        long latest = latestVersion();
        if (latest == 0) {
            return "the table has no versions";
        }
        long listed = earliestListed();
        long earliest;
        try {
            earliest = earliestRetained(latest);
        } catch (RuntimeException e) {
            // Only for a message: an unreadable snapshot must not hide the error being reported.
            return "snapshot files exist for versions " + listed + " to " + latest + " (which are retained is unknown: " + e.getMessage() + ")";
        }
        String expired = earliest > listed ? " (" + (earliest - 1 == listed ? "version " + listed + " was" : "versions " + listed + " to " + (earliest - 1) + " were")
                + " expired)" : "";
        return (earliest == latest ? "the only version is " + latest : "available versions: " + earliest + " to " + latest) + expired;
    }
}
