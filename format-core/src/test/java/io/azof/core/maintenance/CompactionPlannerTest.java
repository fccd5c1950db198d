package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.layout.SegmentGranularity;
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
}
