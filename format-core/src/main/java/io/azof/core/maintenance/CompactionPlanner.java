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
        PlannedRuns runs = planRuns(snapshot, policy, maxOpenFiles);
        List<CompactionTask> tasks = new ArrayList<>(runs.tasks());
        List<Segment> planned = new ArrayList<>(runs.segments());
        List<String> replaced = new ArrayList<>();
        // Segments are visited in event-time order against a copy of the snapshot that already holds the runs and bases
        // planned so far, so a later segment counts from the base planned before it, as reads will.
        for (int index = 0; index < planned.size(); index++) {
            Segment segment = planned.get(index);
            long start = segment.startMicros();
            if (!policy.considers(start)) {
                continue;
            }
            Map<Integer, List<PlannedFile>> readAtStart = VersionedPlanner.planByBucket(snapshot.withSegments(planned), AsOf.eventTime(start),
                    ScanFilter.none());
            List<BaseFile> bases = new ArrayList<>(segment.bases());
            for (Map.Entry<Integer, List<PlannedFile>> bucket : justBefore(snapshot, start).entrySet()) {
                if (!warrantsBase(readAtStart.getOrDefault(bucket.getKey(), List.of()), start, policy)) {
                    continue;
                }
                tasks.add(baseTask(snapshot, segment, bucket.getKey(), bucket.getValue(), policy, maxOpenFiles));
                replaced.addAll(replaceBase(segment, bases, bucket.getKey()));
                bases.add(placeholder(snapshot, start, bucket.getKey(), bucket.getValue()));
            }
            planned.set(index, segment.withFiles(segment.deltas(), bases));
        }
        return new CompactionPlan(snapshot.version(), snapshot.table(), tasks, replaced, runs.replacedDeltas());
    }

    /**
     * What a write compacts after its commit (SPEC section 6.8): nothing unless the table's {@code autoCompact} is on and a
     * read of the newest data would merge more than {@code autoCompact.maxRuns} files in some bucket. Then the runs
     * {@link CompactionPolicy#afterWrites()} merges, and in each bucket whose newest read still merges more than that, one
     * base: at the newest segment start where the policy would build one (counting from the snapshot with those runs,
     * without other new bases). One base is what brings the newest read down; bases at older segment starts only speed up
     * reads of older times, which the user asked nothing about, and each costs a rewrite of its bucket's keys.
     */
    public static CompactionPlan planAfterWrite(Snapshot snapshot, int maxOpenFiles) {
        AutoCompaction setting = snapshot.table().autoCompaction();
        CompactionPlan nothing = new CompactionPlan(snapshot.version(), snapshot.table(), List.of(), List.of(), List.of());
        if (!setting.enabled() || newestReadByBucket(snapshot).values().stream().noneMatch(files -> files.size() > setting.maxRuns())) {
            return nothing;
        }
        CompactionPolicy policy = CompactionPolicy.afterWrites();
        PlannedRuns runs = planRuns(snapshot, policy, maxOpenFiles);
        Snapshot withRuns = snapshot.withSegments(runs.segments());
        List<CompactionTask> tasks = new ArrayList<>(runs.tasks());
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<Integer, List<PlannedFile>> bucket : newestReadByBucket(withRuns).entrySet()) {
            if (bucket.getValue().size() <= setting.maxRuns()) {
                continue;
            }
            for (int index = runs.segments().size() - 1; index >= 0; index--) {
                Segment segment = runs.segments().get(index);
                long start = segment.startMicros();
                List<PlannedFile> readAtStart = VersionedPlanner.planByBucket(withRuns, AsOf.eventTime(start), ScanFilter.none())
                        .getOrDefault(bucket.getKey(), List.of());
                if (policy.considers(start) && warrantsBase(readAtStart, start, policy)) {
                    List<PlannedFile> inputs = justBefore(snapshot, start).getOrDefault(bucket.getKey(), List.of());
                    tasks.add(baseTask(snapshot, segment, bucket.getKey(), inputs, policy, maxOpenFiles));
                    replaced.addAll(replaceBase(segment, new ArrayList<>(segment.bases()), bucket.getKey()));
                    break;
                }
            }
        }
        return new CompactionPlan(snapshot.version(), snapshot.table(), tasks, replaced, runs.replacedDeltas());
    }

    /** The merged runs a compaction builds, and the snapshot's segments as they will be (each planned run as one file). */
    private record PlannedRuns(List<CompactionTask> tasks, List<String> replacedDeltas, List<Segment> segments) {
    }

    private static PlannedRuns planRuns(Snapshot snapshot, CompactionPolicy policy, int maxOpenFiles) {
        if (snapshot.isLegacy()) {
            throw new IllegalArgumentException("azof 0.2.1 tables are never compacted; callers refuse them first (TableDefinition.requireWritable)");
        }
        // Merged runs come first: they take the small deltas of a segment down to few files, and bases are then only
        // planned where reads still merge many (counting each planned run as one file), not where a merged run does.
        List<CompactionTask> tasks = new ArrayList<>();
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
        return new PlannedRuns(tasks, replacedDeltas, planned);
    }

    private static Map<Integer, List<PlannedFile>> newestReadByBucket(Snapshot snapshot) {
        return VersionedPlanner.planByBucket(snapshot, AsOf.current(), ScanFilter.none());
    }

    /**
     * The files a base at {@code start} is built from, per bucket: what a read just before it merges in the snapshot as it
     * is (the deltas a planned run replaces hold the same records as the run).
     */
    private static Map<Integer, List<PlannedFile>> justBefore(Snapshot snapshot, long start) {
        return VersionedPlanner.planByBucket(snapshot, AsOf.eventTime(start - 1), ScanFilter.none());
    }

    /** Whether a read at {@code start} merges enough files from before it, by the policy's count or bytes, to build a base there. */
    private static boolean warrantsBase(List<PlannedFile> readAtStart, long start, CompactionPolicy policy) {
        List<PlannedFile> fromBefore = readAtStart.stream().filter(file -> file.stats().minEventTimeMicros() < start).toList();
        long bytes = fromBefore.stream().mapToLong(file -> file.stats().bytes()).sum();
        return fromBefore.size() >= policy.minFilesToMerge() || bytes >= policy.minBytesToMerge();
    }

    private static CompactionTask baseTask(Snapshot snapshot, Segment segment, int bucket, List<PlannedFile> inputs, CompactionPolicy policy,
                                           int maxOpenFiles) {
        return new CompactionTask(CompactionTask.Kind.BASE, snapshot.table(), rangeOf(segment), bucket, inputs, policy.targetFileBytes(),
                maxOpenFiles);
    }

    /** Takes the segment's base of {@code bucket} (a new one replaces it) out of {@code bases}; returns its file, if any. */
    private static List<String> replaceBase(Segment segment, List<BaseFile> bases, int bucket) {
        List<String> replaced = new ArrayList<>();
        for (BaseFile base : segment.bases()) {
            if (base.stats().bucket() == bucket) {
                replaced.add(base.file());
                bases.remove(base);
            }
        }
        return replaced;
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
