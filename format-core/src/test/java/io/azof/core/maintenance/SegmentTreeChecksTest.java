package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segment-tree rules on hand-made snapshots, without any file. */
class SegmentTreeChecksTest {
    private static final TableSchema LEGACY_SCHEMA = new TableSchema(List.of(new Column("value", ColumnType.STRING, true)));
    private static final TableDefinition TABLE = TableDefinition.create(List.of("id"), "at", StructType.of(
            new StructField("id", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("v", PrimitiveType.LONG, true)), SegmentGranularity.MONTH, 4);
    private static final long JAN = micros("2024-01-01T00:00:00Z");
    private static final long JAN_END = micros("2024-01-31T23:59:59.999999Z");
    private static final long FEB = micros("2024-02-01T00:00:00Z");
    private static final long FEB_END = micros("2024-02-29T23:59:59.999999Z");

    private static Snapshot legacy(Segment... segments) {
        return new Snapshot(1, LEGACY_SCHEMA, List.of(segments));
    }

    private static Segment segment(String id, String start, String end, Segment... children) {
        return new Segment(id, micros(start), end == null ? null : micros(end), null, List.of(), List.of(children));
    }

    private static Snapshot version2(long version, Segment... segments) {
        CommitInfo commit = new CommitInfo(1_000, CommitInfo.APPEND, null, List.of(), 0, 0, 0, 0);
        return new Snapshot(version, TABLE, List.of(segments), commit);
    }

    private static FileStats stats(int bucket, long minTime, long maxTime, long addedVersion) {
        return new FileStats(bucket, 2, 100, new Object[] {"a"}, new Object[] {"b"}, minTime, maxTime, 0, addedVersion);
    }

    private static Segment january(List<DeltaFile> deltas, List<BaseFile> bases) {
        return new Segment("2024-01", JAN, JAN_END, null, deltas, List.of(), bases);
    }

    private static DeltaFile janDelta(FileStats stats) {
        return new DeltaFile("data/2024-01/b0.parquet", JAN, JAN_END, stats);
    }

    @Test
    void validTreesHaveNoProblems() {
        Snapshot nested = legacy(
                segment("2024", "2024-01-01T00:00:00Z", "2024-12-31T23:59:59.999Z",
                        segment("q1", "2024-01-01T00:00:00Z", "2024-03-31T23:59:59.999Z"),
                        segment("q2", "2024-04-01T00:00:00Z", "2024-06-30T23:59:59.999Z")),
                segment("now", "2025-01-01T00:00:00Z", null, segment("open child", "2025-01-01T00:00:00Z", null)));
        Snapshot bucketed = version2(3,
                january(List.of(janDelta(stats(0, JAN, JAN_END, 1))), List.of()),
                new Segment("2024-02", FEB, FEB_END, null, List.of(new DeltaFile("data/2024-02/b3.parquet", FEB, FEB_END,
                        stats(3, FEB, FEB, 3))), List.of(), List.of(new BaseFile("data/2024-02/base.parquet", stats(1, JAN, JAN_END, 3), 2))));

        assertThat(SegmentTreeChecks.check(nested)).isEmpty();
        assertThat(SegmentTreeChecks.check(bucketed)).isEmpty();
    }

    @Test
    void childReachingPastItsParentIsReported() {
        Snapshot snapshot = legacy(segment("2024", "2024-01-01T00:00:00Z", "2024-12-31T23:59:59.999Z",
                segment("q1", "2024-01-01T00:00:00Z", "2024-03-31T23:59:59.999Z"),
                segment("late", "2024-10-01T00:00:00Z", "2025-01-31T23:59:59.999Z")));

        assertThat(SegmentTreeChecks.check(snapshot)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.SEGMENT_OUTSIDE_PARENT);
            assertThat(problem.location()).isEqualTo("s1.json segments[0].segments[1] (late)");
            assertThat(problem.message()).contains("2025-01-31T23:59:59.999Z", "segments[0] (2024)");
        });
    }

    @Test
    void openChildOfAClosedParentIsOutsideIt() {
        Snapshot snapshot = legacy(segment("2024", "2024-01-01T00:00:00Z", "2024-12-31T23:59:59.999Z",
                segment("open", "2024-06-01T00:00:00Z", null)));

        assertThat(SegmentTreeChecks.check(snapshot)).extracting(ValidationProblem::kind).containsExactly(Kind.SEGMENT_OUTSIDE_PARENT);
    }

    @Test
    void overlappingSiblingsAreReportedWhateverTheirListedOrder() {
        Snapshot snapshot = legacy(
                segment("b", "2024-03-01T00:00:00Z", "2024-04-30T23:59:59.999Z"),
                segment("a", "2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"),
                segment("c", "2024-05-01T00:00:00Z", null),
                segment("d", "2024-07-01T00:00:00Z", null));

        assertThat(SegmentTreeChecks.check(snapshot)).extracting(ValidationProblem::kind, ValidationProblem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SEGMENTS_OVERLAP, "s1.json segments[0] (b)"),
                org.assertj.core.groups.Tuple.tuple(Kind.SEGMENTS_OVERLAP, "s1.json segments[3] (d)"));
    }

    @Test
    void segmentEndingBeforeItStartsIsABadRange() {
        Snapshot snapshot = legacy(segment("x", "2024-02-01T00:00:00Z", "2024-01-01T00:00:00Z"));

        assertThat(SegmentTreeChecks.check(snapshot)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.BAD_RANGE);
            assertThat(problem.message()).isEqualTo("start 2024-02-01T00:00:00Z is after end 2024-01-01T00:00:00Z");
        });
    }

    @Test
    void segmentIdsAreUniqueAcrossTheWholeTree() {
        Snapshot snapshot = legacy(segment("2024", "2024-01-01T00:00:00Z", "2024-12-31T23:59:59.999Z",
                segment("2024", "2024-01-01T00:00:00Z", "2024-03-31T23:59:59.999Z")));

        assertThat(SegmentTreeChecks.check(snapshot)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.DUPLICATE_SEGMENT_ID);
            assertThat(problem.location()).isEqualTo("s1.json segments[0].segments[0] (2024)");
        });
    }

    @Test
    void deltaReachingOutsideItsSegmentIsReported() {
        Segment segment = new Segment("q1", micros("2024-01-01T00:00:00Z"), micros("2024-03-31T23:59:59.999Z"), null,
                List.of(new DeltaFile("d.parquet", micros("2024-03-01T00:00:00Z"), micros("2024-04-15T00:00:00Z"))), List.of());

        assertThat(SegmentTreeChecks.check(legacy(segment))).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.FILE_OUTSIDE_SEGMENT);
            assertThat(problem.location()).isEqualTo("s1.json segments[0].delta[0] (d.parquet)");
        });
    }

    @Test
    void version2SegmentMustBeTheCalendarPeriodOfItsStart() {
        Segment shortened = new Segment("2024-01", JAN, micros("2024-01-15T00:00:00Z"), null, List.of(), List.of());
        Segment misnamed = new Segment("january", JAN, JAN_END, null, List.of(), List.of());
        Segment open = new Segment("2024-01", JAN, null, null, List.of(), List.of());
        Segment withChildren = new Segment("2024-01", JAN, JAN_END, null, List.of(),
                List.of(new Segment("x", JAN, JAN_END, null, List.of(), List.of())));

        for (Segment segment : List.of(shortened, misnamed, open, withChildren)) {
            assertThat(SegmentTreeChecks.check(version2(1, segment))).as(segment.toString())
                    .extracting(ValidationProblem::kind).contains(Kind.SEGMENT_LAYOUT);
        }
    }

    @Test
    void recordedEventTimesOutsideTheDeltaAreReported() {
        Snapshot snapshot = version2(1, january(List.of(janDelta(stats(0, JAN, FEB, 1))), List.of()));

        assertThat(SegmentTreeChecks.check(snapshot)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.FILE_OUTSIDE_SEGMENT);
            assertThat(problem.location()).isEqualTo("s1.json segments[0].delta[0] (data/2024-01/b0.parquet)");
            assertThat(problem.message()).contains("recorded event times [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z]");
        });
    }

    @Test
    void baseWithRecordsAtOrAfterItsSegmentStartIsReported() {
        Snapshot snapshot = version2(3, new Segment("2024-02", FEB, FEB_END, null, List.of(), List.of(),
                List.of(new BaseFile("base.parquet", stats(0, JAN, FEB, 3), 2))));

        assertThat(SegmentTreeChecks.check(snapshot)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.FILE_OUTSIDE_SEGMENT);
            assertThat(problem.location()).isEqualTo("s3.json segments[0].bases[0] (base.parquet)");
        });
    }

    @Test
    void recordedBucketMustExistInTheTable() {
        Snapshot snapshot = version2(1, january(List.of(janDelta(stats(4, JAN, JAN, 1))), List.of()));

        assertThat(SegmentTreeChecks.check(snapshot)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.BAD_BUCKET);
            assertThat(problem.message()).isEqualTo("bucket 4 is outside [0, 4) for a table of 4 buckets");
        });
    }

    @Test
    void recordedRangesMustNotBeReversed() {
        FileStats reversedKeys = new FileStats(0, 2, 100, new Object[] {"b"}, new Object[] {"a"}, JAN, JAN, 0, 1);
        Snapshot snapshot = version2(1, january(List.of(janDelta(stats(0, JAN_END, JAN, 1)), janDelta(reversedKeys)), List.of()));

        assertThat(SegmentTreeChecks.check(snapshot)).extracting(ValidationProblem::kind, ValidationProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.BAD_RANGE,
                        "min_event_time 2024-01-31T23:59:59.999999Z is after max_event_time 2024-01-01T00:00:00Z"),
                org.assertj.core.groups.Tuple.tuple(Kind.BAD_RANGE, "min_key (id=b) is after max_key (id=a)"));
    }

    @Test
    void fileVersionsMustFitTheSnapshot() {
        Snapshot addedLater = version2(2, january(List.of(janDelta(stats(0, JAN, JAN, 3))), List.of()));
        Snapshot baseCoveringItsOwnVersion = version2(3, new Segment("2024-02", FEB, FEB_END, null, List.of(), List.of(),
                List.of(new BaseFile("base.parquet", stats(0, JAN, JAN, 3), 3))));

        assertThat(SegmentTreeChecks.check(addedLater)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.BAD_FILE_VERSION);
            assertThat(problem.message()).startsWith("added_version 3 must be between 1 and this snapshot's version 2");
        });
        assertThat(SegmentTreeChecks.check(baseCoveringItsOwnVersion)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.BAD_FILE_VERSION);
            assertThat(problem.message()).startsWith("covers_version 3 must be at least 1 and before added_version 3");
        });
    }

    @Test
    void everyTreeProblemIsAnError() {
        Snapshot snapshot = legacy(segment("x", "2024-02-01T00:00:00Z", "2024-01-01T00:00:00Z"),
                segment("x", "2024-01-01T00:00:00Z", null));

        assertThat(SegmentTreeChecks.check(snapshot)).isNotEmpty().allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
    }
}
