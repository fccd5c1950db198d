package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.SnapshotHistoryChecks.Hint;
import io.azof.core.maintenance.SnapshotHistoryChecks.VersionState;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The rules over the sequence of snapshots and version.txt, on hand-made states. */
class SnapshotHistoryChecksTest {
    private static final StructType SCHEMA = StructType.of(
            new StructField("id", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false));
    private static final TableDefinition FOUR_BUCKETS = TableDefinition.create(List.of("id"), "at", SCHEMA, SegmentGranularity.MONTH, 4);
    private static final TableDefinition EIGHT_BUCKETS = TableDefinition.create(List.of("id"), "at", SCHEMA, SegmentGranularity.MONTH, 8);

    private static VersionState committed(long version, long atMillis, String operation, TableDefinition table) {
        CommitInfo commit = new CommitInfo(atMillis, operation, null, List.of(), 0, 0, 0, 0);
        return VersionState.read(new Snapshot(version, table, List.of(), commit));
    }

    private static VersionState appended(long version, long atMillis) {
        return committed(version, atMillis, version == 1 ? CommitInfo.CREATE : CommitInfo.APPEND, FOUR_BUCKETS);
    }

    private static NavigableSet<Long> versions(long... versions) {
        NavigableSet<Long> set = new TreeSet<>();
        for (long v : versions) {
            set.add(v);
        }
        return set;
    }

    @Test
    void consecutiveVersionsWithIncreasingCommitTimesHaveNoProblems() {
        assertThat(SnapshotHistoryChecks.versions(List.of(appended(1, 100), appended(2, 101), appended(3, 5_000)))).isEmpty();
        assertThat(SnapshotHistoryChecks.gaps(versions(1, 2, 3))).isEmpty();
    }

    @Test
    void missingVersionsBetweenPresentOnesAreOneGap() {
        assertThat(SnapshotHistoryChecks.gaps(versions(1, 2, 5, 6, 8))).extracting(ValidationProblem::location, ValidationProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s3.json", "versions 3 to 4 have no snapshot file, but versions 2 and 5 do;"
                                + " versions are numbered without gaps, and a reader probing upwards from 2 stops at the gap"),
                        org.assertj.core.groups.Tuple.tuple("s7.json", "version 7 has no snapshot file, but versions 6 and 8 do;"
                                + " versions are numbered without gaps, and a reader probing upwards from 6 stops at the gap"));
    }

    @Test
    void commitTimeThatDoesNotIncreaseIsReported() {
        List<ValidationProblem> problems = SnapshotHistoryChecks.versions(List.of(appended(1, 100), appended(2, 100), appended(3, 50)));

        assertThat(problems).extracting(ValidationProblem::kind, ValidationProblem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.COMMIT_TIME_ORDER, "s2.json committed_at"),
                org.assertj.core.groups.Tuple.tuple(Kind.COMMIT_TIME_ORDER, "s3.json committed_at"));
        assertThat(problems.get(0).message()).startsWith("committed_at 1970-01-01T00:00:00.100Z is not after 1970-01-01T00:00:00.100Z of version 1");
    }

    @Test
    void unreadableSnapshotIsReportedAndItsNeighboursStillCompared() {
        List<ValidationProblem> problems = SnapshotHistoryChecks.versions(List.of(appended(1, 100),
                VersionState.unreadable(2, "Snapshot file s2.json is not valid JSON"), appended(3, 90)));

        assertThat(problems).extracting(ValidationProblem::kind, ValidationProblem::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SNAPSHOT_UNREADABLE, "s2.json"),
                org.assertj.core.groups.Tuple.tuple(Kind.COMMIT_TIME_ORDER, "s3.json committed_at"));
        assertThat(problems.get(0).message()).isEqualTo("Snapshot file s2.json is not valid JSON");
    }

    @Test
    void definitionChangedByAnAppendIsAWarningButAnOverwriteMayChangeIt() {
        List<ValidationProblem> byAppend = SnapshotHistoryChecks.versions(List.of(appended(1, 1),
                committed(2, 2, CommitInfo.APPEND, EIGHT_BUCKETS)));
        List<ValidationProblem> byOverwrite = SnapshotHistoryChecks.versions(List.of(appended(1, 1),
                committed(2, 2, CommitInfo.OVERWRITE, EIGHT_BUCKETS)));

        assertThat(byAppend).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.TABLE_DEFINITION_CHANGED);
            assertThat(problem.severity()).isEqualTo(Severity.WARNING);
            assertThat(problem.location()).isEqualTo("s2.json table");
            assertThat(problem.message()).contains("buckets 4 became 8", "an 'append' commit");
        });
        assertThat(byOverwrite).isEmpty();
    }

    @Test
    void autoCompactSettingsChangeInAnAlterOnly() {
        TableDefinition off = FOUR_BUCKETS.withAutoCompaction(AutoCompaction.defaults().withEnabled(false));
        assertThat(SnapshotHistoryChecks.versions(List.of(appended(1, 1), committed(2, 2, CommitInfo.ALTER, off),
                committed(3, 3, CommitInfo.APPEND, off)))).isEmpty();
        // An alter changes them, not the layout.
        assertThat(SnapshotHistoryChecks.versions(List.of(appended(1, 1), committed(2, 2, CommitInfo.ALTER,
                EIGHT_BUCKETS.withAutoCompaction(AutoCompaction.defaults().withEnabled(false)))))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("buckets 4 became 8").doesNotContain("autoCompact="));
        assertThat(SnapshotHistoryChecks.versions(List.of(appended(1, 1), committed(2, 2, CommitInfo.APPEND, off)))).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.kind()).isEqualTo(Kind.TABLE_DEFINITION_CHANGED);
                    assertThat(problem.message()).contains("properties autoCompact=true, autoCompact.maxRuns=8 became autoCompact=false",
                            "an 'append' commit");
                });
    }

    @Test
    void expiredVersionsMustBeTheOldest() {
        List<VersionState> prefix = List.of(VersionState.expired(1), VersionState.expired(2), appended(3, 10), appended(4, 11));
        List<VersionState> hole = List.of(VersionState.expired(1), appended(2, 10), VersionState.expired(3), appended(4, 11));

        assertThat(SnapshotHistoryChecks.versions(prefix)).isEmpty();
        assertThat(SnapshotHistoryChecks.versions(hole)).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.EXPIRED_NOT_PREFIX);
            assertThat(problem.location()).isEqualTo("s3.json");
            assertThat(problem.message()).startsWith("version 3 is expired, but the earlier version 2 is retained");
        });
    }

    @Test
    void hintNamingTheLatestVersionIsFine() {
        assertThat(SnapshotHistoryChecks.hint(new Hint(true, "3\n", null), versions(1, 2, 3))).isEmpty();
    }

    @Test
    void hintThatOnlyMakesReadersProbeIsAWarning() {
        NavigableSet<Long> listed = versions(1, 2, 3);

        assertThat(List.of(
                SnapshotHistoryChecks.hint(new Hint(false, null, null), listed),
                SnapshotHistoryChecks.hint(new Hint(true, null, "java.io.IOException: disk on fire"), listed),
                SnapshotHistoryChecks.hint(new Hint(true, "", null), listed),
                SnapshotHistoryChecks.hint(new Hint(true, "2", null), listed)))
                .extracting(problems -> problems.get(0).severity() + " " + problems.get(0).kind() + " " + problems.get(0).message())
                .containsExactly(
                        "WARNING VERSION_HINT is missing; readers list the snapshot files instead (latest version 3)",
                        "WARNING VERSION_HINT cannot be read (java.io.IOException: disk on fire); readers list the snapshot files instead"
                                + " (latest version 3)",
                        "WARNING VERSION_HINT holds '', not a version number; readers list the snapshot files instead (latest version 3)",
                        "WARNING VERSION_HINT names version 2 but the latest is 3; readers probe past it");
    }

    @Test
    void hintNamingAVersionWithoutSnapshotIsAnError() {
        assertThat(SnapshotHistoryChecks.hint(new Hint(true, "4", null), versions(2, 3))).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(Severity.ERROR);
            assertThat(problem.location()).isEqualTo("version.txt");
            assertThat(problem.message()).isEqualTo("names version 4, which has no snapshot file; the snapshot files hold versions 2 to 3");
        });
        assertThat(SnapshotHistoryChecks.hint(new Hint(true, "1", null), versions(2, 3)))
                .extracting(ValidationProblem::severity).containsExactly(Severity.ERROR);
    }
}
