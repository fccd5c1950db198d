package io.azof.core.maintenance;

import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.log.ManifestStore;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import java.util.List;

/**
 * What a table is now: its location, format, latest and earliest readable versions, definition and the
 * size of its latest snapshot's files, all from metadata (no data file is opened).
 *
 * <p>azof 0.2.1 tables fill what their snapshots hold: no commit time, no granularity ({@code null}), no
 * buckets ({@code 0}) and no file statistics (byte, record and event-time totals are {@code null}).
 *
 * @param formatVersion 2, or 1 for azof 0.2.1 tables
 * @param version the latest version
 * @param committedAtMillis when the latest version was committed, epoch milliseconds; null for azof 0.2.1 tables
 * @param earliestRetainedVersion the earliest version that can still be read (earlier ones were expired)
 * @param segmentGranularity null for azof 0.2.1 tables, whose segments are free-form
 * @param buckets 0 for azof 0.2.1 tables, which are not bucketed
 * @param segments top-level segments of the latest snapshot
 * @param deltaFiles delta files of the latest snapshot, child segments included
 * @param baseFiles base files of the latest snapshot, child segments included
 * @param totalBytes bytes of the latest snapshot's files, as the snapshot records them
 * @param totalRecords records in the latest snapshot's files: bases repeat records deltas hold, so this is
 *     the stored count, not the number of distinct records
 * @param minEventTimeMicros earliest event time in any file of the latest snapshot, null when it has none
 * @param maxEventTimeMicros latest event time in any file of the latest snapshot, null when it has none
 */
public record TableDetail(
        String location,
        int formatVersion,
        long version,
        Long committedAtMillis,
        long earliestRetainedVersion,
        List<String> keyColumns,
        String eventTimeColumn,
        SegmentGranularity segmentGranularity,
        int buckets,
        int segments,
        long deltaFiles,
        long baseFiles,
        Long totalBytes,
        Long totalRecords,
        Long minEventTimeMicros,
        Long maxEventTimeMicros) {

    public TableDetail {
        keyColumns = List.copyOf(keyColumns);
    }

    /** The detail of the table whose latest snapshot is {@code snapshot}. */
    public static TableDetail of(TableStorage storage, Snapshot snapshot) {
        SnapshotLog log = new SnapshotLog(storage);
        long latest = snapshot.version();
        // azof 0.2.1 tables are never expired, so every listed version is readable.
        long earliestRetained = snapshot.isLegacy() ? log.earliestListed() : log.earliestRetained();
        Totals totals = new Totals(!snapshot.isLegacy());
        snapshot.dataFiles().forEach(totals::add);
        return new TableDetail(
                storage.tableLocation(),
                snapshot.formatVersion(),
                latest,
                snapshot.isLegacy() ? null : snapshot.commit().committedAtMillis(),
                earliestRetained,
                snapshot.table().keyColumns(),
                snapshot.table().eventTimeColumn(),
                snapshot.table().granularity(),
                snapshot.table().buckets(),
                snapshot.segments().size(),
                totals.deltas,
                totals.bases,
                totals.withStats ? totals.bytes : null,
                totals.withStats ? totals.records : null,
                totals.minEventTime,
                totals.maxEventTime);
    }

    /**
     * The detail of a format version 3 table whose latest root is {@code latest}, from the root's part summaries (and its
     * segment groups): no manifest is read, whatever the number of files.
     */
    public static TableDetail of(TableStorage storage, SnapshotRoot latest) {
        SnapshotRoot root = new ManifestStore(storage, latest.table().keySchema()).resolve(latest);
        Totals totals = new Totals(true);
        for (SegmentRef segment : root.segments()) {
            for (PartRef part : segment.parts()) {
                totals.bases += part.bases();
                totals.deltas += part.files() - part.bases();
                totals.add(part.summary());
            }
        }
        TableDefinition table = root.table();
        return new TableDetail(storage.tableLocation(), table.formatVersion(), root.version(), root.commit().committedAtMillis(),
                new SnapshotLog(storage).earliestRetained(), table.keyColumns(), table.eventTimeColumn(), table.granularity(),
                table.buckets(), root.segments().size(), totals.deltas, totals.bases, totals.bytes, totals.records,
                totals.minEventTime, totals.maxEventTime);
    }

    private static final class Totals {
        final boolean withStats;
        long deltas;
        long bases;
        long bytes;
        long records;
        Long minEventTime;
        Long maxEventTime;

        Totals(boolean withStats) {
            this.withStats = withStats;
        }

        void add(DataFileEntry file) {
            if (file.role() == FileRole.BASE) {
                bases++;
            } else {
                deltas++;
            }
            add(file.stats());
        }

        /** @param stats null in azof 0.2.1 snapshots */
        private void add(FileStats stats) {
            if (stats == null) {
                return;
            }
            bytes += stats.bytes();
            records += stats.rows();
            minEventTime = minEventTime == null ? stats.minEventTimeMicros() : Math.min(minEventTime, stats.minEventTimeMicros());
            maxEventTime = maxEventTime == null ? stats.maxEventTimeMicros() : Math.max(maxEventTime, stats.maxEventTimeMicros());
        }
    }
}
