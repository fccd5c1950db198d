package io.azof.core.table;

import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence of snapshot files {@code s1.json, s2.json, ...} of one table.
 *
 * <p>{@code version.txt} is only a hint: the latest version is the hint's, or the highest consecutive
 * snapshot after it, so a hint left behind by a writer that died (or lost a race to rewrite it) costs
 * a probe, never a wrong answer.
 */
public final class SnapshotLog {
    private static final Pattern SNAPSHOT_FILE = Pattern.compile("s(\\d+)\\.json");

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
                Matcher m = SNAPSHOT_FILE.matcher(name);
                if (m.matches()) {
                    long version = Long.parseLong(m.group(1));
                    earliest = earliest == 0 ? version : Math.min(earliest, version);
                }
            }
            return earliest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + storage.tableLocation(), e);
        }
    }

    /** Reads one snapshot; the version must exist. */
    public Snapshot read(long version) {
        String file = MetadataFiles.snapshotFile(version);
        try {
            if (!storage.exists(file)) {
                throw new VersionNotFoundException("Version " + version + " does not exist in table " + storage.tableLocation()
                        + "; " + availableVersions());
            }
            return SnapshotJson.parse(file, version, new String(storage.readAll(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + storage.location(file), e);
        }
    }

    /**
     * The latest version committed at or before {@code epochMillis}. Commit times increase with the
     * version (writers guarantee it), so a binary search over the retained versions finds it.
     */
    public long versionAt(long epochMillis) {
        long latest = latestVersion();
        long low = earliestListed();
        if (latest == 0 || low == 0) {
            throw new VersionNotFoundException("Table " + storage.tableLocation() + " has no versions");
        }
        Snapshot first = read(low);
        if (first.commit() == null) {
            throw new VersionNotFoundException("Table " + storage.tableLocation() + " was written by azof 0.2.1, which records no commit"
                    + " times, so systemTimeAsOf cannot be used; " + availableVersions());
        }
        if (first.commit().committedAtMillis() > epochMillis) {
            throw new VersionNotFoundException("No version of table " + storage.tableLocation() + " was committed at or before "
                    + Instant.ofEpochMilli(epochMillis) + "; the earliest retained version " + low + " was committed at "
                    + Instant.ofEpochMilli(first.commit().committedAtMillis()) + "; " + availableVersions());
        }
        long high = latest;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (read(mid).commit().committedAtMillis() <= epochMillis) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** "available versions: 3 to 17", for error messages. */
    public String availableVersions() {
        long latest = latestVersion();
        long earliest = earliestListed();
        if (latest == 0) {
            return "the table has no versions";
        }
        return earliest == latest ? "the only version is " + latest : "available versions: " + earliest + " to " + latest;
    }
}
