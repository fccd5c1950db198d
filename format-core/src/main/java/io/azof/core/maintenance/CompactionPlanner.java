package io.azof.core.maintenance;

import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which bases and merged runs a compaction builds (see {@link CompactionPolicy}). Pure: works from the
 * snapshot's statistics alone, with the same file choice as reads ({@link VersionedPlanner}), so what it counts is
 * what a read would open.
 */
public final class CompactionPlanner {
    private CompactionPlanner() {
    }

    /**
     * What {@code policy} builds in the table {@code snapshot} is a version of.
     *
     * @param maxOpenFiles the most input files each task may hold open at once
     */
    public static CompactionPlan plan(Snapshot snapshot, CompactionPolicy policy, int maxOpenFiles) {
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
            List<BaseFile> bases = new ArrayList<>(segment.bases());
            for (Map.Entry<Integer, List<PlannedFile>> bucket : justBefore.entrySet()) {
                List<PlannedFile> fromBefore = readAtStart.getOrDefault(bucket.getKey(), List.of()).stream()
                        .filter(file -> file.stats().minEventTimeMicros() < start)
                        .toList();
                long bytes = fromBefore.stream().mapToLong(file -> file.stats().bytes()).sum();
                if (fromBefore.size() < policy.minFilesToMerge() && bytes < policy.minBytesToMerge()) {
                    continue;
                }
                tasks.add(new CompactionTask(CompactionTask.Kind.BASE, snapshot.table(), rangeOf(segment), bucket.getKey(),
                        bucket.getValue(), policy.targetFileBytes(), maxOpenFiles));
                for (BaseFile base : segment.bases()) {
                    if (base.stats().bucket() == bucket.getKey()) {
                        replaced.add(base.file());
                        bases.remove(base);
                    }
                }
                bases.add(placeholder(snapshot, start, bucket.getKey(), bucket.getValue()));
            }
            planned.set(index, segment.withFiles(segment.deltas(), bases));
        }
        List<String> replacedDeltas = new ArrayList<>();
        for (Segment segment : snapshot.segments()) {
            if (!policy.mayMergeRunsOf(segment.startMicros())) {
                continue;
            }
            Map<Integer, List<DeltaFile>> byBucket = new TreeMap<>();
            segment.deltas().forEach(delta -> byBucket.computeIfAbsent(delta.stats().bucket(), b -> new ArrayList<>()).add(delta));
            for (Map.Entry<Integer, List<DeltaFile>> bucket : byBucket.entrySet()) {
                List<DeltaFile> runs = runsToMerge(bucket.getValue(), policy);
                if (runs.isEmpty()) {
                    continue;
                }
                tasks.add(new CompactionTask(CompactionTask.Kind.MERGED_RUN, snapshot.table(), rangeOf(segment), bucket.getKey(),
                        runs.stream().map(delta -> new PlannedFile(delta.file(), FileRole.DELTA, segment.id(), delta.stats())).toList(),
                        policy.targetFileBytes(), maxOpenFiles));
                runs.forEach(delta -> replacedDeltas.add(delta.file()));
            }
        }
        return new CompactionPlan(snapshot.version(), snapshot.table(), tasks, replaced, replacedDeltas);
    }

    /**
     * What a write compacts after its commit (SPEC section 6.8): nothing unless the table's {@code autoCompact} is on and a
     * read of the newest data would merge more than {@code autoCompact.maxRuns} files in some bucket; then what
     * {@link CompactionPolicy#afterWrites()} builds.
     */
    public static CompactionPlan planAfterWrite(Snapshot snapshot, int maxOpenFiles) {
        AutoCompaction setting = snapshot.table().autoCompaction();
        boolean tooMany = setting.enabled() && VersionedPlanner.planByBucket(snapshot, AsOf.current(), ScanFilter.none()).values().stream()
                .anyMatch(files -> files.size() > setting.maxRuns());
        return tooMany ? plan(snapshot, CompactionPolicy.afterWrites(), maxOpenFiles)
                : new CompactionPlan(snapshot.version(), snapshot.table(), List.of(), List.of(), List.of());
    }

    /**
     * The deltas of one segment and bucket to merge: size-tiered, so that a run is rewritten a few times at most. Among the
     * small deltas (under the target file size), smallest first, take each next one while it is no larger than all taken
     * so far together: runs of similar size merge, and a run grown by earlier merges waits until as much new data has
     * come. None when fewer than {@code minRunsToMerge} qualify.
     */
    static List<DeltaFile> runsToMerge(List<DeltaFile> deltas, CompactionPolicy policy) {
        List<DeltaFile> small = deltas.stream()
                .filter(delta -> delta.stats().bytes() < policy.targetFileBytes())
                .sorted(Comparator.comparingLong((DeltaFile delta) -> delta.stats().bytes()))
                .toList();
        List<DeltaFile> taken = new ArrayList<>();
        long total = 0;
        for (DeltaFile delta : small) {
            if (!taken.isEmpty() && delta.stats().bytes() > total) {
                break;
            }
            taken.add(delta);
            total += delta.stats().bytes();
        }
        return taken.size() >= policy.minRunsToMerge() && policy.minRunsToMerge() > 0 ? taken : List.of();
    }

    private static SegmentRange rangeOf(Segment segment) {
        return new SegmentRange(segment.id(), segment.startMicros(), segment.endMicros());
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
