package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The tie rule on its own: which file's row a (key, event time) held by several files keeps. */
class LegacyTieRuleTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(new Column("value", ColumnType.STRING, true)));

    private static List<String> plan(Snapshot snapshot, String asOf) {
        return SegmentPlanner.plan(snapshot, AsOf.eventTime(micros(asOf))).stream().map(PlannedFile::file).toList();
    }

    @Example
    void deltaOfTheSameSegmentBeatsItsBase() {
        // A base is the state at the segment's start; a delta starting at that start holds the same event.
        Segment segment = new Segment("2024", micros("2024-01-01T00:00:00Z"), null, "base.parquet",
                List.of(new DeltaFile("jan.parquet", micros("2024-01-01T00:00:00Z"), micros("2024-01-31T23:59:59.999Z"))),
                List.of());
        Snapshot snapshot = new Snapshot(1, SCHEMA, List.of(segment));
        List<String> order = plan(snapshot, "2024-01-01T00:00:00Z");

        assertThat(order).containsExactly("jan.parquet", "base.parquet");
        assertThat(LegacyTieRule.winner(order, List.of("base.parquet", "jan.parquet"))).isEqualTo("jan.parquet");
        assertThat(LegacyTieRule.winner(order, List.of("jan.parquet", "base.parquet"))).isEqualTo("jan.parquet");
    }

    @Example
    void childSegmentBeatsItsParent() {
        Segment q2 = new Segment("q2", micros("2024-04-01T00:00:00Z"), micros("2024-06-30T23:59:59.999Z"), "q2_base.parquet",
                List.of(new DeltaFile("q2_delta.parquet", micros("2024-04-01T00:00:00Z"), micros("2024-06-30T23:59:59.999Z"))),
                List.of());
        Segment year = new Segment("2024", micros("2024-01-01T00:00:00Z"), null, "year_base.parquet",
                List.of(new DeltaFile("year_delta.parquet", micros("2024-01-01T00:00:00Z"), micros("2024-12-31T23:59:59.999Z"))),
                List.of(q2));
        Snapshot snapshot = new Snapshot(1, SCHEMA, List.of(year));
        List<String> order = plan(snapshot, "2024-05-10T00:00:00Z");

        assertThat(order).containsExactly("q2_delta.parquet", "q2_base.parquet", "year_delta.parquet", "year_base.parquet");
        assertThat(LegacyTieRule.winner(order, List.of("year_delta.parquet", "q2_delta.parquet"))).isEqualTo("q2_delta.parquet");
        // The child's base (its state at its start) still comes before every file of the parent.
        assertThat(LegacyTieRule.winner(order, List.of("year_base.parquet", "year_delta.parquet", "q2_base.parquet")))
                .isEqualTo("q2_base.parquet");
    }

    @Example
    void severalDuplicatesTheFirstPlannedWins() {
        List<String> order = List.of("c.parquet", "d2.parquet", "d1.parquet", "base.parquet");

        assertThat(LegacyTieRule.winner(order, List.of("base.parquet", "d1.parquet", "d2.parquet"))).isEqualTo("d2.parquet");
        assertThat(LegacyTieRule.winner(order, List.of("base.parquet", "d1.parquet", "c.parquet", "d2.parquet"))).isEqualTo("c.parquet");
        assertThat(LegacyTieRule.winner(order, List.of("base.parquet"))).isEqualTo("base.parquet");
    }

    @Example
    void deltasOfOneSegmentRankByStartDescendingNotBySnapshotOrder() {
        Segment segment = new Segment("2024", micros("2024-01-01T00:00:00Z"), null, null, List.of(
                new DeltaFile("early.parquet", micros("2024-01-01T00:00:00Z"), micros("2024-03-31T23:59:59.999Z")),
                new DeltaFile("late.parquet", micros("2024-03-01T00:00:00Z"), micros("2024-06-30T23:59:59.999Z"))), List.of());
        Snapshot snapshot = new Snapshot(1, SCHEMA, List.of(segment));

        // Overlapping deltas (a layout this project never writes): at T inside both, the later start wins.
        assertThat(LegacyTieRule.winner(plan(snapshot, "2024-03-15T00:00:00Z"), List.of("early.parquet", "late.parquet")))
                .isEqualTo("late.parquet");
    }

    @Example
    void aFileListedTwiceCountsAtItsFirstPosition() {
        assertThat(LegacyTieRule.winner(List.of("a", "b", "a"), List.of("b", "a"))).isEqualTo("a");
    }

    @Example
    void noCandidatePlannedFallsBackToTheFirstCandidate() {
        // Only in layouts that break the validity rules: e.g. a row held only by bases of later segments.
        assertThat(LegacyTieRule.winner(List.of("x", "y"), List.of("later_base.parquet", "even_later_base.parquet")))
                .isEqualTo("later_base.parquet");
        assertThat(LegacyTieRule.winner(List.of(), List.of("b", "a"))).isEqualTo("b");
    }

    @Example
    void aTieNeedsACandidate() {
        assertThatThrownBy(() -> LegacyTieRule.winner(List.of("a"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<List<String>> fileLists() {
        return Arbitraries.of("a", "b", "c", "d", "e", "f").list().ofMaxSize(8);
    }

    @Property(tries = 500)
    void winnerIsTheCandidateEarliestInThePlan(@ForAll("fileLists") List<String> order, @ForAll("fileLists") List<String> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        String winner = LegacyTieRule.winner(order, candidates);

        assertThat(candidates).contains(winner);
        List<Integer> planned = new ArrayList<>();
        candidates.stream().mapToInt(order::indexOf).filter(i -> i >= 0).forEach(planned::add);
        if (planned.isEmpty()) {
            assertThat(winner).isEqualTo(candidates.get(0));
        } else {
            assertThat(order.indexOf(winner)).isEqualTo(planned.stream().mapToInt(Integer::intValue).min().orElseThrow());
        }
    }
}
