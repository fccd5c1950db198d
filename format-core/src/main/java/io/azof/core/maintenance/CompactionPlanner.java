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
    /** How much larger than the smaller runs together a run may be and still merge with them (see {@link #runsToMerge}). */
    static final long SIMILAR_SIZE_FACTOR = 2;

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
        // Merged runs first: they take the small deltas of a segment down to few files, and the bases are then only
        // planned where reads still merge many (counting each planned run as one file), not where a merged run does.
        List<String> replacedDeltas = new ArrayList<>();
        List<Segment> planned = new ArrayList<>();
        for (Segment segment : snapshot.segments()) {
            if (!policy.mayMergeRunsOf(segment.startMicros())) {
                planned.add(segment);
                continue;
            }
            Map<Integer, List<DeltaFile>> byBucket = new TreeMap<>();
            segment.deltas().forEach(delta -> byBucket.computeIfAbsent(delta.stats().bucket(), b -> new ArrayList<>()).add(delta));
            List<DeltaFile> deltas = new ArrayList<>(segment.deltas());
            for (Map.Entry<Integer, List<DeltaFile>> bucket : byBucket.entrySet()) {
                List<DeltaFile> runs = runsToMerge(bucket.getValue(), policy);
                if (runs.isEmpty()) {
                    continue;
                }
                tasks.add(new CompactionTask(CompactionTask.Kind.MERGED_RUN, snapshot.table(), rangeOf(segment), bucket.getKey(),
                        runs.stream().map(delta -> new PlannedFile(delta.file(), FileRole.DELTA, segment.id(), delta.stats())).toList(),
                        policy.targetFileBytes(), maxOpenFiles));
                runs.forEach(delta -> replacedDeltas.add(delta.file()));
                deltas.removeAll(runs);
                deltas.add(plannedRun(segment, bucket.getKey(), runs));
            }
            planned.add(segment.withFiles(deltas, segment.bases()));
        }
        List<String> replaced = new ArrayList<>();
        // Segments are visited in event-time order against a copy of the snapshot that already holds the runs and bases
        // planned so far, so a later segment counts from the base planned before it, as reads will. A base is built from
        // the files of the snapshot as it is (the deltas a run replaces hold the same records as the run).
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
     * The deltas of one segment and bucket to merge: size-tiered, so that a record is rewritten a few times at most.
     * Among the small deltas (under the target file size), smallest first, take each next one while it is at most
     * {@value #SIMILAR_SIZE_FACTOR} times all taken so far together: runs of similar size merge, and a run grown by earlier
     * merges waits until about as much new data has come. A run that is merged so grows at least by half, which bounds
     * the rewrites of a record by log<sub>1.5</sub> of the appends; and runs that no longer merge are each more than
     * {@value #SIMILAR_SIZE_FACTOR} times all smaller ones together, so there are at most log<sub>3</sub> of the data of
     * them. None when fewer than {@code minRunsToMerge} qualify.
     */
    static List<DeltaFile> runsToMerge(List<DeltaFile> deltas, CompactionPolicy policy) {
        List<DeltaFile> small = deltas.stream()
                .filter(delta -> delta.stats().bytes() < policy.targetFileBytes())
                .sorted(Comparator.comparingLong((DeltaFile delta) -> delta.stats().bytes()))
                .toList();
        List<DeltaFile> taken = new ArrayList<>();
        long total = 0;
        for (DeltaFile delta : small) {
            if (!taken.isEmpty() && delta.stats().bytes() > SIMILAR_SIZE_FACTOR * total) {
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
     * Stands for a run this plan will merge from {@code runs}, for counting only: as the run will be, it holds their
     * records and event times and stands for the newest version among them.
     */
    private static DeltaFile plannedRun(Segment segment, int bucket, List<DeltaFile> runs) {
        FileStats stats = new FileStats(bucket, runs.stream().mapToLong(run -> run.stats().rows()).sum(),
                runs.stream().mapToLong(run -> run.stats().bytes()).sum(), null, null,
                runs.stream().mapToLong(run -> run.stats().minEventTimeMicros()).min().orElseThrow(),
                runs.stream().mapToLong(run -> run.stats().maxEventTimeMicros()).max().orElseThrow(),
                runs.stream().mapToLong(run -> run.stats().deletes()).sum(),
                runs.stream().mapToLong(run -> run.stats().addedVersion()).max().orElseThrow());
        return new DeltaFile("(planned run)", segment.startMicros(), segment.endMicros(), stats);
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
