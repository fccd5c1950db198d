package io.azof.core.plan;

import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Chooses the data files of a format version 2 snapshot that can hold a record visible at T, grouped by
 * bucket. Pure: decides from the snapshot's statistics alone.
 *
 * <p>Files are not ordered by precedence, since the merge orders records by (key, event time, version). Per
 * bucket, the latest base at or before T replaces the deltas it summarises, and every other delta is read
 * beside it (SPEC sections 6.4 and 6.8 give the rule and why it returns section 1's answer).
 */
public final class VersionedPlanner {
    private VersionedPlanner() {
    }

    /** The files that matter for T and may hold records that pass {@code filter}, by bucket. */
    public static Map<Integer, List<PlannedFile>> planByBucket(Snapshot snapshot, AsOf asOf, ScanFilter filter) {
        Predicate<FileStats> mayMatch = FilePruning.fileFilter(filter, snapshot.table());
        Map<Integer, BaseChoice> bases = chooseBases(snapshot, asOf);
        Map<Integer, List<PlannedFile>> byBucket = new TreeMap<>();
        for (Segment segment : snapshot.segments()) {
            if (!asOf.isCurrent() && segment.startMicros() > asOf.micros()) {
                continue;
            }
            for (BaseFile base : segment.bases()) {
                BaseChoice chosen = bases.get(base.stats().bucket());
                if (chosen.isThe(segment, base) && mayMatch.test(base.stats())) {
                    byBucket.computeIfAbsent(base.stats().bucket(), b -> new ArrayList<>())
                            .add(new PlannedFile(base.file(), FileRole.BASE, segment.id(), base.stats()));
                }
            }
            for (DeltaFile delta : segment.deltas()) {
                FileStats stats = delta.stats();
                BaseChoice base = bases.get(stats.bucket());
                if (asOf.includes(stats.minEventTimeMicros()) && (base == null || !base.covers(stats)) && mayMatch.test(stats)) {
                    byBucket.computeIfAbsent(stats.bucket(), b -> new ArrayList<>())
                            .add(new PlannedFile(delta.file(), FileRole.DELTA, segment.id(), stats));
                }
            }
        }
        return byBucket;
    }

    public static List<PlannedFile> plan(Snapshot snapshot, AsOf asOf, ScanFilter filter) {
        return planByBucket(snapshot, asOf, filter).values().stream().flatMap(List::stream).toList();
    }

    /** Per bucket, the base a read at T uses: the latest segment start at or before T, then the highest covered version. */
    static Map<Integer, BaseChoice> chooseBases(Snapshot snapshot, AsOf asOf) {
        Map<Integer, BaseChoice> chosen = new HashMap<>();
        for (Segment segment : snapshot.segments()) {
            if (!asOf.isCurrent() && segment.startMicros() > asOf.micros()) {
                continue;
            }
            for (BaseFile base : segment.bases()) {
                BaseChoice candidate = new BaseChoice(segment.startMicros(), base.coversVersion());
                chosen.merge(base.stats().bucket(), candidate, (a, b) -> a.isBefore(b) ? b : a);
            }
        }
        return chosen;
    }

    /** A base identified by its segment start B and the version C it covers. */
    record BaseChoice(long startMicros, long coversVersion) {
        boolean isBefore(BaseChoice other) {
            return startMicros != other.startMicros ? startMicros < other.startMicros : coversVersion < other.coversVersion;
        }

        boolean isThe(Segment segment, BaseFile base) {
            return segment.startMicros() == startMicros && base.coversVersion() == coversVersion;
        }

        /** True when every record of the delta is summarised by this base. */
        boolean covers(FileStats delta) {
            return delta.maxEventTimeMicros() < startMicros && delta.addedVersion() <= coversVersion;
        }
    }
}
