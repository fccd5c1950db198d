package io.azof.core.maintenance;

import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.CommitRecord;
import io.azof.core.metadata.ExpiredSnapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.VersionHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Expires old versions of a format version 2 table (SPEC section 6.10): each expired version's snapshot
 * file is replaced by a stub that keeps its commit record, so reads of it fail with
 * {@link io.azof.core.exceptions.VersionExpiredException} and its data files become unreferenced, for
 * {@link Vacuum} to delete.
 *
 * <p>Snapshot files are replaced, never deleted, so no late writer can re-create one; versions expire oldest
 * first and never the latest, so the expired ones are a prefix that readers binary-search (SPEC section 6.10).
 */
public final class VersionExpiry {
    private VersionExpiry() {
    }

    /**
     * @param expiredVersions the versions this call expired, ascending (versions expired earlier are not repeated)
     * @param earliestRetainedVersion the earliest version still readable after this call
     * @param latestVersion the table's latest version when this call started
     */
    public record Result(String tableLocation, List<Long> expiredVersions, long earliestRetainedVersion, long latestVersion) {
        public Result {
            expiredVersions = List.copyOf(expiredVersions);
        }
    }

    /**
     * Expires the versions {@code request} selects, of a table whose latest version {@code latest} the caller found
     * writable (not azof 0.2.1's).
     */
    public static Result expire(TableStorage storage, long latest, ExpiryRequest request) {
        SnapshotLog log = new SnapshotLog(storage);
        long earliestRetained = log.earliestRetained();
        List<Long> expired = new ArrayList<>();
        // Commit times increase with the version, so the versions to expire are a prefix of the retained ones.
        for (long version = earliestRetained; version < latest; version++) {
            SnapshotFile file = log.readFile(version);
            if (file instanceof ExpiredSnapshot) {
                continue; // another expiry got here first
            }
            CommitRecord commit = CommitRecord.of(version, VersionHead.of(file).commit());
            if (!request.expires(version, commit.committedAtMillis(), latest)) {
                break;
            }
            replaceByStub(storage, commit, expired);
            expired.add(version);
        }
        return new Result(storage.tableLocation(), expired, log.earliestRetained(), latest);
    }

    /** Atomically replaces the snapshot file (see {@link TableStorage#writeAll}): it is never missing, not even briefly. */
    private static void replaceByStub(TableStorage storage, CommitRecord commit, List<Long> expiredSoFar) {
        String file = MetadataFiles.snapshotFile(commit.version());
        byte[] stub = SnapshotJson.writeExpired(new ExpiredSnapshot(commit)).getBytes(StandardCharsets.UTF_8);
        try {
            storage.writeAll(file, stub);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + storage.location(file) + " by the stub of expired version "
                    + commit.version() + "; versions expired before the failure: " + expiredSoFar
                    + ". The table is consistent: expired versions are still a prefix of its versions", e);
        }
    }
}
