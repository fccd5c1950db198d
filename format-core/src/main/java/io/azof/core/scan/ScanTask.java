package io.azof.core.scan;

import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.KeyRangeSections;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.time.AsOf;
import io.azof.core.types.KeyOrdering;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one reader needs to produce its share of an as-of read; serialisable so an engine can ship
 * it to a worker. Its rows are {@code [key columns..., eventTimeMicros, requested payload...]}.
 *
 * @param files for azof 0.2.1 tables, in the order their rows take precedence; otherwise sorted runs
 * @param requestedColumns payload columns to decode, in output order
 * @param filter the predicates that may act before the merge; readers may skip row groups and pages by it,
 *     and the engine still applies every predicate after the merge
 * @param legacy true for azof 0.2.1 tables (first-seen merge), false for sorted runs with versions
 */
public record ScanTask(List<PlannedFile> files, AsOf asOf, TableDefinition table, List<String> requestedColumns, ScanFilter filter,
                       boolean legacy) implements Serializable {

    public ScanTask {
        files = List.copyOf(files);
        requestedColumns = List.copyOf(requestedColumns);
    }

    /** One task reading the whole table as of {@code asOf}. */
    public static ScanTask plan(Snapshot snapshot, AsOf asOf, List<String> requestedColumns) {
        checkColumns(snapshot, requestedColumns);
        ScanFilter filter = ScanFilter.none();
        List<PlannedFile> files = snapshot.isLegacy() ? SegmentPlanner.plan(snapshot, asOf) : VersionedPlanner.plan(snapshot, asOf, filter);
        return new ScanTask(files, asOf, snapshot.table(), requestedColumns, filter, snapshot.isLegacy());
    }

    /**
     * Tasks that can run in parallel and together return the read: per bucket of a table this project
     * writes (a key lives in exactly one bucket), sections of files with overlapping key ranges packed into
     * splits of about {@code targetSplitBytes}; a single task for azof 0.2.1 tables (their files are neither
     * sorted nor bucketed, so one reader must see them all in planner order); none when no file matters.
     *
     * @param filter predicates that may act before the merge; files that cannot match are not planned
     */
    public static List<ScanTask> planParallel(Snapshot snapshot, AsOf asOf, List<String> requestedColumns, ScanFilter filter,
                                              long targetSplitBytes) {
        checkColumns(snapshot, requestedColumns);
        if (snapshot.isLegacy()) {
            return List.of(new ScanTask(SegmentPlanner.plan(snapshot, asOf), asOf, snapshot.table(), requestedColumns, filter, true));
        }
        KeyOrdering keyOrder = KeyOrdering.of(snapshot.table().keySchema());
        List<ScanTask> tasks = new ArrayList<>();
        for (List<PlannedFile> bucket : VersionedPlanner.planByBucket(snapshot, asOf, filter).values()) {
            for (List<PlannedFile> split : KeyRangeSections.pack(KeyRangeSections.sections(bucket, keyOrder), targetSplitBytes)) {
                tasks.add(new ScanTask(split, asOf, snapshot.table(), requestedColumns, filter, false));
            }
        }
        return tasks;
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
