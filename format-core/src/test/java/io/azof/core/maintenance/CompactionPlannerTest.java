package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Where the planner puts bases, on hand-made snapshots of a monthly table (2024), without any file. The expected
 * months are worked out by hand from the policy: walking the segment starts in order, a base goes where a read at
 * that start would merge at least the threshold of a bucket's files from before it, the bases planned so far
 * counting as one file each (sized as the largest file they are built from).
 */
class CompactionPlannerTest {
    private static final TableDefinition TABLE = TableDefinition.create(List.of("id"), "at", StructType.of(
            new StructField("id", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("v", PrimitiveType.LONG, true)), SegmentGranularity.MONTH, 2);
    private static final long BYTES = 100;

    private static long start(int month) {
        return LocalDate.of(2024, month, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() * 1000;
    }

    private static long end(int month) {
        return month == 12 ? LocalDate.of(2025, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() * 1000 - 1 : start(month + 1) - 1;
    }

    /** A delta of {@code bucket} holding events of {@code eventMonth}, added by version {@code added}. */
    private static DeltaFile delta(int eventMonth, int bucket, long added) {
        FileStats stats = new FileStats(bucket, 10, BYTES, new Object[] {"a"}, new Object[] {"z"}, start(eventMonth) + 1,
                end(eventMonth) - 1, 0, added);
        return new DeltaFile("data/2024-" + eventMonth + "/b" + bucket + "-v" + added + ".parquet", start(eventMonth), end(eventMonth), stats);
    }

    /** Months 1..12; each month's deltas are those the arrays name, by event month. */
    private static Snapshot table(long version, List<DeltaFile> deltas, List<BaseFile> bases, int baseMonth) {
        List<Segment> segments = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            long s = start(month);
            List<DeltaFile> inMonth = deltas.stream().filter(d -> d.startMicros() == s).toList();
            segments.add(new Segment("2024-" + month, s, end(month), null, inMonth, List.of(), month == baseMonth ? bases : List.of()));
        }
        CommitInfo commit = new CommitInfo(1_000, CommitInfo.APPEND, null, List.of(), 0, 0, 0, 0);
        return new Snapshot(version, TABLE, segments, commit);
    }

    /** One delta per month and bucket, version m for month m: twelve monthly appends. */
    private static List<DeltaFile> monthlyAppends(int... buckets) {
        List<DeltaFile> deltas = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            for (int bucket : buckets) {
                deltas.add(delta(month, bucket, month));
            }
        }
        return deltas;
    }

    private static List<String> taskMonths(CompactionPlan plan) {
        return plan.tasks().stream().map(t -> t.segment().id() + "/b" + t.bucket()).toList();
    }

    private static List<Integer> inputCounts(CompactionPlan plan) {
        return plan.tasks().stream().map(t -> t.inputs().size()).toList();
    }

    @Test
    void defaultThresholdPutsABaseWhereAReadWouldMergeFourFiles() {
        CompactionPlan plan = CompactionPlanner.plan(table(12, monthlyAppends(0), List.of(), 0), CompactionPolicy.defaults(), 16);
        // May: Jan-Apr (4). Jun: May base + May = 2, Jul 3, Aug 4. Then Nov likewise.
        assertThat(taskMonths(plan)).containsExactly("2024-5/b0", "2024-8/b0", "2024-11/b0");
        // Each base is built from every file before its start (the earlier bases do not exist yet).
        assertThat(inputCounts(plan)).containsExactly(4, 7, 10);
        assertThat(plan.readVersion()).isEqualTo(12);
        assertThat(plan.replacedBases()).isEmpty();
    }

    @Test
    void bucketsAreCountedApart() {
        // Bucket 1 only gets January and March data: a read of it never merges 4 files.
        List<DeltaFile> deltas = new ArrayList<>(monthlyAppends(0));
        deltas.add(delta(1, 1, 1));
        deltas.add(delta(3, 1, 3));
        CompactionPlan plan = CompactionPlanner.plan(table(12, deltas, List.of(), 0), CompactionPolicy.defaults(), 16);
        assertThat(taskMonths(plan)).containsExactly("2024-5/b0", "2024-8/b0", "2024-11/b0");

        // With a threshold of 2, bucket 1 gets one base, at April (Jan + Mar before it), and keeps it; bucket 0 gets
        // one at every start from March on (Feb: 1 file; Mar: 2; then base + previous month = 2 each time).
        CompactionPlan everyOther = CompactionPlanner.plan(table(12, deltas, List.of(), 0), CompactionPolicy.defaults().withMinFilesToMerge(2), 16);
        assertThat(taskMonths(everyOther).stream().filter(t -> t.endsWith("/b1"))).containsExactly("2024-4/b1");
        assertThat(taskMonths(everyOther).stream().filter(t -> t.endsWith("/b0")))
                .containsExactlyElementsOf(IntStream.rangeClosed(3, 12).mapToObj(m -> "2024-" + m + "/b0").toList());
    }

    @Test
    void byteThresholdCountsPlannedBasesAsLargeAsTheirLargestInput() {
        CompactionPolicy policy = CompactionPolicy.defaults().withMinFilesToMerge(100).withMinBytesToMerge(250);
        CompactionPlan plan = CompactionPlanner.plan(table(12, monthlyAppends(0), List.of(), 0), policy, 16);
        // Apr: 3 x 100 = 300. May: base 100 + Apr 100 = 200. Jun: 300. Then every second month.
        assertThat(taskMonths(plan)).containsExactly("2024-4/b0", "2024-6/b0", "2024-8/b0", "2024-10/b0", "2024-12/b0");
    }

    @Test
    void eventTimeRangeAndGranularityLimitWhereBasesGo() {
        CompactionPolicy range = CompactionPolicy.defaults().withEventTimeRange(start(6), start(10));
        // Jun: Jan-May (5). Jul: base + Jun = 2, Aug 3, Sep 4. October is outside the range.
        assertThat(taskMonths(CompactionPlanner.plan(table(12, monthlyAppends(0), List.of(), 0), range, 16)))
                .containsExactly("2024-6/b0", "2024-9/b0");
        CompactionPolicy quarterly = CompactionPolicy.defaults().withMinFilesToMerge(2).withBaseGranularity(SegmentGranularity.QUARTER);
        // Only quarter starts are considered: Apr (3 files), Jul (base + 3), Oct (base + 3).
        assertThat(taskMonths(CompactionPlanner.plan(table(12, monthlyAppends(0), List.of(), 0), quarterly, 16)))
                .containsExactly("2024-4/b0", "2024-7/b0", "2024-10/b0");
    }

    @Test
    void lateRowsRebuildAStaleBaseAndTheOldOneIsReplaced() {
        // A base at May covers versions up to 4 (Jan-Apr). Three late deltas for Jan-Mar arrive at versions 13-15.
        FileStats baseStats = new FileStats(0, 10, BYTES, new Object[] {"a"}, new Object[] {"z"}, Long.MIN_VALUE, start(5) - 1, 0, 13);
        BaseFile mayBase = new BaseFile("data/2024-5/base-b0.parquet", baseStats, 4);
        List<DeltaFile> deltas = new ArrayList<>(monthlyAppends(0));
        deltas.addAll(Arrays.asList(delta(1, 0, 13), delta(2, 0, 14), delta(3, 0, 15)));
        Snapshot snapshot = table(15, deltas, List.of(mayBase), 5);

        CompactionPlan plan = CompactionPlanner.plan(snapshot, CompactionPolicy.defaults(), 16);
        // March: Jan, Feb and their two late files = 4, so a base. May: its base + the 3 late files it lacks = 4, so
        // May is rebuilt from all 7 files before it, replacing the stale base. June: new base + May = 2 again, so the
        // next bases stay at August and November.
        assertThat(taskMonths(plan)).containsExactly("2024-3/b0", "2024-5/b0", "2024-8/b0", "2024-11/b0");
        assertThat(plan.tasks().get(1).inputs()).extracting(PlannedFile::file)
                .containsExactlyInAnyOrder("data/2024-1/b0-v1.parquet", "data/2024-2/b0-v2.parquet", "data/2024-3/b0-v3.parquet",
                        "data/2024-4/b0-v4.parquet", "data/2024-1/b0-v13.parquet", "data/2024-2/b0-v14.parquet", "data/2024-3/b0-v15.parquet");
        assertThat(plan.replacedBases()).containsExactly("data/2024-5/base-b0.parquet");

        // Without the late files the base is current, nothing is replaced, and the next base is still at August.
        CompactionPlan current = CompactionPlanner.plan(table(13, monthlyAppends(0), List.of(mayBase), 5), CompactionPolicy.defaults(), 16);
        assertThat(taskMonths(current)).containsExactly("2024-8/b0", "2024-11/b0");
        assertThat(current.replacedBases()).isEmpty();
    }

    @Test
    void aShortHistoryNeedsNoBase() {
        List<DeltaFile> threeMonths = monthlyAppends(0).stream().filter(d -> d.startMicros() < start(4)).toList();
        assertThat(CompactionPlanner.plan(table(3, threeMonths, List.of(), 0), CompactionPolicy.defaults(), 16).isEmpty()).isTrue();
    }

    /** A delta of January and bucket 0 of {@code bytes}, added by version {@code added}. */
    private static DeltaFile januaryDelta(long bytes, long added) {
        FileStats stats = new FileStats(0, 10, bytes, new Object[] {"a"}, new Object[] {"z"}, start(1) + 1, end(1) - 1, 0, added);
        return new DeltaFile("data/2024-1/b0-v" + added + ".parquet", start(1), end(1), stats);
    }

    private static List<DeltaFile> januaryDeltas(long... bytes) {
        List<DeltaFile> deltas = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            deltas.add(januaryDelta(bytes[i], i + 1));
        }
        return deltas;
    }

    private static List<Long> sizesToMerge(CompactionPolicy policy, long... bytes) {
        return CompactionPlanner.runsToMerge(januaryDeltas(bytes), policy).stream().map(d -> d.stats().bytes()).toList();
    }

    @Test
    void runsOfSimilarSizeMergeWhileALargerRunWaitsForAsMuchNewData() {
        CompactionPolicy fromTwo = CompactionPolicy.defaults().withMinRunsToMerge(2);
        // Smallest first, each taken while at most twice those taken together: 1000 > 2 x (100 + 100 + 100).
        assertThat(sizesToMerge(fromTwo, 1000, 100, 100, 100)).containsExactly(100L, 100L, 100L);
        // Files of a few rows differ by a few bytes: similar enough.
        assertThat(sizesToMerge(fromTwo, 1210, 1180, 1250)).containsExactly(1180L, 1210L, 1250L);
        // 250 is more than twice the 100 before it: one run alone is not merged.
        assertThat(sizesToMerge(fromTwo, 100, 250)).isEmpty();
        // Once about as much new data has come, the larger run merges too: 1000 <= 2 x (100 + 200 + 300).
        assertThat(sizesToMerge(fromTwo, 1000, 100, 200, 300)).containsExactly(100L, 200L, 300L, 1000L);
        // Runs at or over the target size are left alone.
        assertThat(sizesToMerge(fromTwo.withTargetFileBytes(500), 600, 100, 100)).containsExactly(100L, 100L);
        // The policy's minimum and its off value.
        assertThat(sizesToMerge(CompactionPolicy.defaults(), 100, 100, 100)).isEmpty();
        assertThat(sizesToMerge(CompactionPolicy.defaults(), 100, 100, 100, 100)).hasSize(4);
        assertThat(sizesToMerge(fromTwo.withMinRunsToMerge(0), 100, 100, 100, 100)).isEmpty();
    }

    /**
     * The size-tiered rule bounds the work of compaction after writes: a run only merges with runs at least half as
     * large as itself together, so each time a record is rewritten its run grows by half at least, and no record is
     * rewritten more than log<sub>1.5</sub>(appends) times. Simulated over 500 equal appends to one bucket with the trigger of the default
     * {@code autoCompact.maxRuns}: merge when a read would merge more than 8 files.
     */
    @Test
    void compactionAfterEveryWriteRewritesEachRecordLogarithmicallyOften() {
        CompactionPolicy policy = CompactionPolicy.afterWrites();
        int maxRuns = 8;
        int appends = 500;
        // Each run as the appends it holds, and how often each append was rewritten.
        List<List<Integer>> runs = new ArrayList<>();
        int[] rewrites = new int[appends];
        int mostRuns = 0;
        for (int append = 0; append < appends; append++) {
            runs.add(new ArrayList<>(List.of(append)));
            if (runs.size() > maxRuns) {
                List<DeltaFile> deltas = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    deltas.add(januaryDelta(100L * runs.get(i).size(), i + 1));
                }
                List<DeltaFile> merged = CompactionPlanner.runsToMerge(deltas, policy);
                List<Integer> combined = new ArrayList<>();
                List<List<Integer>> kept = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    if (merged.contains(deltas.get(i))) {
                        combined.addAll(runs.get(i));
                    } else {
                        kept.add(runs.get(i));
                    }
                }
                if (!combined.isEmpty()) {
                    combined.forEach(a -> rewrites[a]++);
                    kept.add(combined);
                }
                runs = kept;
            }
            mostRuns = Math.max(mostRuns, runs.size());
        }
        int log15 = (int) Math.floor(Math.log(appends) / Math.log(1.5));
        assertThat(IntStream.of(rewrites).max().orElseThrow()).as("most rewrites of one append").isLessThanOrEqualTo(log15);
        // Runs that no longer merge more than triple in size one after another: a read merges maxRuns and a few more.
        int log3 = (int) Math.floor(Math.log(appends) / Math.log(3)) + 1;
        assertThat(mostRuns).as("most runs a read merged").isLessThanOrEqualTo(maxRuns + log3);
    }

    @Test
    void compactionAfterAWriteRunsOnlyWhenAReadOfTheNewestDataMergesMoreThanMaxRuns() {
        TableDefinition eightRuns = TABLE.withAutoCompaction(AutoCompaction.defaults().withMaxRuns(8));
        // Eight deltas in bucket 0 of January: a current read merges 8, not more. Nothing to do.
        Snapshot eight = new Snapshot(8, eightRuns, table(8, januaryDeltas(100, 100, 100, 100, 100, 100, 100, 100), List.of(), 0).segments(),
                new CommitInfo(1_000, CommitInfo.APPEND, null, List.of(), 0, 0, 0, 0));
        assertThat(CompactionPlanner.planAfterWrite(eight, 16).isEmpty()).isTrue();
        // A ninth: the nine merge into one run of January (no base: nothing lies before it).
        Snapshot nine = new Snapshot(9, eightRuns, table(9, januaryDeltas(100, 100, 100, 100, 100, 100, 100, 100, 100), List.of(), 0).segments(),
                new CommitInfo(1_000, CommitInfo.APPEND, null, List.of(), 0, 0, 0, 0));
        CompactionPlan plan = CompactionPlanner.planAfterWrite(nine, 16);
        assertThat(taskMonths(plan)).containsExactly("2024-1/b0");
        assertThat(plan.tasks().get(0).kind()).isEqualTo(CompactionTask.Kind.MERGED_RUN);
        assertThat(plan.replacedDeltas()).hasSize(9);
        // The same table with autoCompact off: nothing, however many.
        Snapshot off = new Snapshot(9, eightRuns.withAutoCompaction(AutoCompaction.defaults().withEnabled(false)), nine.segments(), nine.commit());
        assertThat(CompactionPlanner.planAfterWrite(off, 16).isEmpty()).isTrue();
        // Twelve monthly appends: a current read merges 12 files of each bucket, one per month, so no runs to merge. The
        // policy alone would put bases at May, August and November; after a write only the newest base that brings the
        // newest read down is built: at December, from the 11 months before it, so a read of December merges 2 files.
        Snapshot monthly = new Snapshot(12, eightRuns, table(12, monthlyAppends(0, 1), List.of(), 0).segments(), nine.commit());
        assertThat(taskMonths(CompactionPlanner.plan(monthly, CompactionPolicy.afterWrites(), 16)))
                .containsExactly("2024-5/b0", "2024-5/b1", "2024-8/b0", "2024-8/b1", "2024-11/b0", "2024-11/b1");
        CompactionPlan afterWrite = CompactionPlanner.planAfterWrite(monthly, 16);
        assertThat(taskMonths(afterWrite)).containsExactly("2024-12/b0", "2024-12/b1");
        assertThat(afterWrite.tasks()).allSatisfy(task -> assertThat(task.inputs()).hasSize(11));
        // Only buckets over the limit: with bucket 1 holding three files, bucket 0 alone gets a base.
        List<DeltaFile> unevenDeltas = new ArrayList<>(monthlyAppends(0, 1).stream().filter(d -> d.stats().bucket() == 0).toList());
        unevenDeltas.addAll(monthlyAppends(0, 1).stream().filter(d -> d.stats().bucket() == 1).limit(3).toList());
        Snapshot uneven = new Snapshot(12, eightRuns, table(12, unevenDeltas, List.of(), 0).segments(), nine.commit());
        assertThat(taskMonths(CompactionPlanner.planAfterWrite(uneven, 16))).containsExactly("2024-12/b0");
    }
}
