package io.azof.core.maintenance;

import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which bases a compaction builds (see {@link CompactionPolicy}). Pure: works from the snapshot's
 * statistics alone, with the same file choice as reads ({@link VersionedPlanner}), so what it counts is
 * what a read would open.
 */
public final class CompactionPlanner {
    private CompactionPlanner() {
    }

    public static CompactionPlan plan(Snapshot snapshot, CompactionPolicy policy) {
        if (snapshot.isLegacy()) {
            throw new IllegalArgumentException("azof 0.2.1 tables are never compacted; callers refuse them first (TableDefinition.requireWritable)");
        }
        List<CompactionTask> tasks = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        // Segments are visited in event-time order against a copy of the snapshot that already holds the bases
        // planned so far, so a later segment counts from the base planned before it, as reads will.
        List<Segment> planned = new ArrayList<>(snapshot.segments());
        for (int index = 0; index < planned.size(); index++) {
            Segment segment = planned.get(index);
            long start = segment.startMicros();
            if (!policy.considers(start)) {
                continue;
            }
            Snapshot withPlanned = snapshot.withSegments(planned);
            Map<Integer, List<PlannedFile>> readAtStart = VersionedPlanner.planByBucket(withPlanned, AsOf.eventTime(start), ScanFilter.none());
            Map<Integer, List<PlannedFile>> justBefore = VersionedPlanner.planByBucket(snapshot, AsOf.eventTime(start - 1), ScanFilter.none());
            List<BaseFile> placeholders = new ArrayList<>();
            for (Map.Entry<Integer, List<PlannedFile>> bucket : justBefore.entrySet()) {
                List<PlannedFile> fromBefore = readAtStart.getOrDefault(bucket.getKey(), List.of()).stream()
                        .filter(file -> file.stats().minEventTimeMicros() < start)
                        .toList();
                long bytes = fromBefore.stream().mapToLong(file -> file.stats().bytes()).sum();
                if (fromBefore.size() < policy.minFilesToMerge() && bytes < policy.minBytesToMerge()) {
                    continue;
                }
                tasks.add(new CompactionTask(snapshot.table(), new SegmentRange(segment.id(), start, segment.endMicros()), bucket.getKey(),
                        bucket.getValue(), policy.targetFileBytes()));
                for (BaseFile base : segment.bases()) {
                    if (base.stats().bucket() == bucket.getKey()) {
                        replaced.add(base.file());
                    }
                }
                placeholders.add(placeholder(snapshot, start, bucket.getKey(), bucket.getValue()));
            }
            if (!placeholders.isEmpty()) {
                planned.set(index, segment.withFiles(segment.deltas(), placeholders));
            }
        }
        return new CompactionPlan(snapshot.version(), snapshot.table(), tasks, replaced);
    }

    /**
     * Stands for a base this plan will build, for counting only: it covers the snapshot's version, holds
     * records before {@code start}, and is guessed to be as large as the largest file it is built from.
     */
    private static BaseFile placeholder(Snapshot snapshot, long start, int bucket, List<PlannedFile> inputs) {
        long bytes = inputs.stream().mapToLong(file -> file.stats().bytes()).max().orElse(0);
        FileStats stats = new FileStats(bucket, 0, bytes, null, null, Long.MIN_VALUE, start - 1, 0, snapshot.version() + 1);
        return new BaseFile("(planned base)", stats, snapshot.version());
    }
}
