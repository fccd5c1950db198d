package io.azof.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.core.time.AsOf;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner on one hand-written tree (times in milliseconds after the epoch):
 * <pre>
 * y1   [0, 99]    base y1_base   deltas y1_d1 [0, 49], y1_d2 [50, 99]
 *   q1   [0, 49]    no base        delta  q1_d [0, 49]
 *   q2   [50, 99]   base q2_base   deltas q2_d1 [50, 69], q2_d2 [70, 99]
 *     q2m  [60, 64]   base q2m_base  delta  q2m_d [61, 64]
 * y2   [100, open) base y2_base   deltas y2_d1 [100, 149], y2_d2 [150, 200]
 *   y2c  [100, 119]  base y2c_base  delta  y2c_d [101, 119]
 *   y2o  [150, open) base y2o_base  delta  y2o_d [150, 300]
 * </pre>
 * Expected lists follow SPEC section 4.1: in-range children's files first, then the segment's deltas whose start
 * is at or before T by start descending, then its base.
 */
class SegmentPlannerTest {
    private static final Segment Q1 = segment("q1", 0, 49L, null, List.of(delta("q1_d", 0, 49)), List.of());
    private static final Segment Q2M = segment("q2m", 60, 64L, "q2m_base", List.of(delta("q2m_d", 61, 64)), List.of());
    private static final Segment Q2 = segment("q2", 50, 99L, "q2_base",
            List.of(delta("q2_d1", 50, 69), delta("q2_d2", 70, 99)), List.of(Q2M));
    private static final Segment Y1 = segment("y1", 0, 99L, "y1_base",
            List.of(delta("y1_d1", 0, 49), delta("y1_d2", 50, 99)), List.of(Q1, Q2));
    private static final Segment Y2C = segment("y2c", 100, 119L, "y2c_base", List.of(delta("y2c_d", 101, 119)), List.of());
    private static final Segment Y2O = segment("y2o", 150, null, "y2o_base", List.of(delta("y2o_d", 150, 300)), List.of());
    private static final Segment Y2 = segment("y2", 100, null, "y2_base",
            List.of(delta("y2_d1", 100, 149), delta("y2_d2", 150, 200)), List.of(Y2C, Y2O));
    private static final Snapshot SNAPSHOT = new Snapshot(1, new TableSchema(List.of()), List.of(Y1, Y2));

    private static long ms(long millis) {
        return millis * 1_000L;
    }

    private static Segment segment(String id, long startMs, Long endMs, String base, List<DeltaFile> deltas, List<Segment> children) {
        return new Segment(id, ms(startMs), endMs == null ? null : ms(endMs), base, deltas, children);
    }

    private static DeltaFile delta(String file, long startMs, long endMs) {
        return new DeltaFile(file, ms(startMs), ms(endMs));
    }

    private static List<String> files(AsOf asOf) {
        return SegmentPlanner.plan(SNAPSHOT, asOf).stream().map(PlannedFile::file).toList();
    }

    private static List<String> filesAtMicros(long micros) {
        return files(AsOf.eventTime(micros));
    }

    @Test
    void childFilesComeFirstThenDeltasByStartDescendingThenBase() {
        assertThat(SegmentPlanner.plan(SNAPSHOT, AsOf.eventTime(ms(75)))).containsExactly(
                new PlannedFile("q2_d2", FileRole.DELTA, "q2"),
                new PlannedFile("q2_d1", FileRole.DELTA, "q2"),
                new PlannedFile("q2_base", FileRole.BASE, "q2"),
                new PlannedFile("y1_d2", FileRole.DELTA, "y1"),
                new PlannedFile("y1_d1", FileRole.DELTA, "y1"),
                new PlannedFile("y1_base", FileRole.BASE, "y1"));
    }

    @Test
    void deltasStartingAfterTAreLeftOutAndADeltaStartIsInclusive() {
        assertThat(filesAtMicros(ms(55))).containsExactly("q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
        assertThat(filesAtMicros(ms(70) - 1)).containsExactly("q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
        assertThat(filesAtMicros(ms(70))).containsExactly("q2_d2", "q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
    }

    @Test
    void nestedChildrenComeBeforeTheirParents() {
        assertThat(filesAtMicros(ms(62)))
                .containsExactly("q2m_d", "q2m_base", "q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
    }

    @Test
    void segmentStartAndEndAreInclusive() {
        assertThat(filesAtMicros(ms(60) - 1)).containsExactly("q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
        assertThat(filesAtMicros(ms(60))).containsExactly("q2m_base", "q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
        assertThat(filesAtMicros(ms(64)))
                .containsExactly("q2m_d", "q2m_base", "q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
        assertThat(filesAtMicros(ms(65))).containsExactly("q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
    }

    /**
     * azof 0.2.1 writes an inclusive end in milliseconds and starts the next segment one millisecond later,
     * so an as-of time inside the end's millisecond still belongs to the segment; otherwise it would fall
     * between two segments and see neither.
     */
    @Test
    void closedEndHoldsEveryMicrosecondOfItsLastMillisecond() {
        assertThat(filesAtMicros(ms(64) + 999))
                .containsExactly("q2m_d", "q2m_base", "q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
        assertThat(filesAtMicros(ms(99) + 500))
                .containsExactly("q2_d2", "q2_d1", "q2_base", "y1_d2", "y1_d1", "y1_base");
    }

    @Test
    void segmentWithoutBaseContributesOnlyItsDeltas() {
        assertThat(filesAtMicros(ms(10))).containsExactly("q1_d", "y1_d1", "y1_base");
    }

    @Test
    void closedTopLevelSegmentOutOfRangeContributesNothing() {
        assertThat(filesAtMicros(ms(110))).containsExactly("y2c_d", "y2c_base", "y2_d1", "y2_base");
        assertThat(filesAtMicros(ms(120))).containsExactly("y2_d1", "y2_base");
    }

    @Test
    void currentTakesOpenSegmentsOnlyWithAllTheirDeltas() {
        assertThat(files(AsOf.current())).containsExactly("y2o_d", "y2o_base", "y2_d2", "y2_d1", "y2_base");
        assertThat(filesAtMicros(ms(1_000))).containsExactly("y2o_d", "y2o_base", "y2_d2", "y2_d1", "y2_base");
    }

    @Test
    void timeBeforeAllDataPlansNoFiles() {
        assertThat(filesAtMicros(-1)).isEmpty();
        assertThat(filesAtMicros(ms(-86_400_000))).isEmpty();
    }
}
