package io.azof.core.plan;

import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Chooses the data files of a format version 2 snapshot that can hold a record visible at T, grouped by
 * bucket. Pure: decides from the snapshot's statistics alone.
 *
 * <p>Files are not ordered by precedence: every record carries its event time and version, and the
 * merge orders them by (key, event time, version). A file matters when its segment starts at or before
 * T and its earliest event time is at or before T; files of later segments hold only records after T.
 */
public final class VersionedPlanner {
    private VersionedPlanner() {
    }

    /** The files that matter for T and may hold records that pass {@code filter}, by bucket. */
    public static Map<Integer, List<PlannedFile>> planByBucket(Snapshot snapshot, AsOf asOf, ScanFilter filter) {
        Predicate<FileStats> mayMatch = FilePruning.fileFilter(filter, snapshot.table());
        Map<Integer, List<PlannedFile>> byBucket = new TreeMap<>();
        for (Segment segment : snapshot.segments()) {
            if (!asOf.isCurrent() && segment.startMicros() > asOf.micros()) {
                continue;
            }
            for (DeltaFile delta : segment.deltas()) {
                if (asOf.includes(delta.stats().minEventTimeMicros()) && mayMatch.test(delta.stats())) {
                    byBucket.computeIfAbsent(delta.stats().bucket(), b -> new ArrayList<>())
                            .add(new PlannedFile(delta.file(), FileRole.DELTA, segment.id(), delta.stats()));
                }
            }
        }
        return byBucket;
    }

    public static List<PlannedFile> plan(Snapshot snapshot, AsOf asOf, ScanFilter filter) {
        return planByBucket(snapshot, asOf, filter).values().stream().flatMap(List::stream).toList();
    }
}
