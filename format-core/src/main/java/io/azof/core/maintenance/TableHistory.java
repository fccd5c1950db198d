package io.azof.core.maintenance;

import io.azof.core.exceptions.LegacyTableException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.CommitRecord;
import io.azof.core.metadata.ExpiredSnapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.VersionHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The commit history of a format version 2 table: one row per version, newest first, expired versions
 * included (their stubs keep the commit record).
 *
 * <p>azof 0.2.1 tables are refused with an error: their snapshots record no commit time, operation or
 * counts, so a history would be rows of nothing but version numbers. {@link TableDetail} describes them.
 * Versions are numbered from the first without gaps, and an azof 0.2.1 table is never mixed with later versions
 * (an upgrade writes a new table), so the latest snapshot says what every version is.
 */
public final class TableHistory {
    private TableHistory() {
    }

    /**
     * One version's commit.
     *
     * @param committedAtMillis commit time in epoch milliseconds
     * @param operation {@code create}, {@code append}, {@code overwrite}, {@code compact} or {@code alter}
     * @param writeId the writer-supplied id of the write, or null
     * @param expired true when the version was expired: its commit is recorded but it can no longer be read
     */
    public record VersionInfo(long version, long committedAtMillis, String operation, String writeId, long rowsAdded, long filesAdded,
                              long rowsRemoved, long filesRemoved, boolean expired, long rowsDropped) {
        static VersionInfo of(CommitRecord commit, boolean expired) {
            return new VersionInfo(commit.version(), commit.committedAtMillis(), commit.operation(), commit.writeId(), commit.rowsAdded(),
                    commit.filesAdded(), commit.rowsRemoved(), commit.filesRemoved(), expired, commit.rowsDropped());
        }

        public Instant committedAt() {
            return Instant.ofEpochMilli(committedAtMillis);
        }
    }

    /**
     * The history of the table whose latest snapshot is {@code latest}.
     *
     * @throws LegacyTableException for an azof 0.2.1 table, which records no commits
     */
    public static List<VersionInfo> of(TableStorage storage, VersionHead latest) {
        SnapshotLog log = new SnapshotLog(storage);
        if (latest.table().isLegacy()) {
            throw LegacyTableException.noCommitRecords(storage.tableLocation(), "it has no history to show; " + log.availableVersions()
                    + ". Its current layout is described by its detail");
        }
        long earliest = log.earliestListed();
        List<VersionInfo> rows = new ArrayList<>();
        for (long version = latest.version(); version >= earliest; version--) {
            SnapshotFile file = log.readFile(version);
            boolean expired = file instanceof ExpiredSnapshot;
            rows.add(VersionInfo.of(expired ? ((ExpiredSnapshot) file).commit() : CommitRecord.of(version, VersionHead.of(file).commit()), expired));
        }
        return rows;
    }
}
