package io.azof.core.scan;

import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.time.AsOf;
import java.io.Serializable;
import java.util.List;

/**
 * Everything one reader needs to produce its share of an as-of read; serialisable so an engine can ship
 * it to a worker. Its rows are {@code [key columns..., eventTimeMicros, requested payload...]}.
 *
 * @param files for azof 0.2.1 tables, in the order their rows take precedence; otherwise sorted runs
 * @param requestedColumns payload columns to decode, in output order
 * @param legacy true for azof 0.2.1 tables (first-seen merge), false for sorted runs with versions
 */
public record ScanTask(List<PlannedFile> files, AsOf asOf, TableDefinition table, List<String> requestedColumns, boolean legacy)
        implements Serializable {

    public ScanTask {
        files = List.copyOf(files);
        requestedColumns = List.copyOf(requestedColumns);
    }

    /** One task reading the whole table as of {@code asOf}. */
    public static ScanTask plan(Snapshot snapshot, AsOf asOf, List<String> requestedColumns) {
        checkColumns(snapshot, requestedColumns);
        List<PlannedFile> files = snapshot.isLegacy() ? SegmentPlanner.plan(snapshot, asOf) : VersionedPlanner.plan(snapshot, asOf);
        return new ScanTask(files, asOf, snapshot.table(), requestedColumns, snapshot.isLegacy());
    }

    /**
     * Tasks that can run in parallel and together return the read: one per bucket of a bucketed table
     * (a key lives in exactly one bucket), a single task for azof 0.2.1 tables, none when no file matters.
     */
    public static List<ScanTask> planParallel(Snapshot snapshot, AsOf asOf, List<String> requestedColumns) {
        checkColumns(snapshot, requestedColumns);
        if (snapshot.isLegacy()) {
            return List.of(plan(snapshot, asOf, requestedColumns));
        }
        return VersionedPlanner.planByBucket(snapshot, asOf).values().stream()
                .map(files -> new ScanTask(files, asOf, snapshot.table(), requestedColumns, false))
                .toList();
    }

    private static void checkColumns(Snapshot snapshot, List<String> requestedColumns) {
        List<String> payload = snapshot.table().payloadColumns();
        for (String column : requestedColumns) {
            if (!payload.contains(column)) {
                throw new IllegalArgumentException("Column '" + column + "' is not a payload column of the table " + payload);
            }
        }
    }
}
