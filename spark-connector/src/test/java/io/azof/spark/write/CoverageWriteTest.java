package io.azof.spark.write;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.write.WriteTestSupport.PRICES;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static io.azof.spark.write.WriteTestSupport.latest;
import static io.azof.spark.write.WriteTestSupport.reader;
import static io.azof.spark.write.WriteTestSupport.row;
import static io.azof.spark.write.WriteTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.OverlapException;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import io.azof.spark.write.WriteTestSupport.TableState;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage options of {@code df.write.format("azof")}: {@code coverageGranularity} and {@code overlapPolicy} set a new
 * table's properties, {@code onOverlap} one append's policy. Each test starts from a table with daily coverage and policy
 * {@code error} whose version 1 covers A on 1 and 2 January and B on 1 January.
 */
class CoverageWriteTest {
    @TempDir
    Path table;
    @TempDir
    Path newTable;

    private void dailyCoverageWithPolicyError() {
        append(frame(PRICES,
                values("A", instant("2024-01-01T00:00:00Z"), 1L),
                values("A", instant("2024-01-02T12:00:00Z"), 2L),
                values("B", instant("2024-01-01T06:00:00Z"), 3L)), table, "coverageGranularity", "1d", "overlapPolicy", "error");
    }

    private List<List<Object>> prices(String... readOptions) {
        return TestSupport.rows(reader(readOptions).load(table.toString()).select("key", "price").orderBy("key"));
    }

    @Test
    void writeOptionsSetTheNewTablesPropertiesAndItsFirstWriteRecordsCoverage() {
        dailyCoverageWithPolicyError();

        assertThat(latest(table).table().properties()).containsEntry("coverageGranularity", "1d").containsEntry("overlapPolicy", "error");
        assertThat(TestSupport.rows(AzofTable.forPath(SharedSpark.session(), table.toString()).coverage("2024-01-01", "2024-01-03")))
                .containsExactly(row("A", 2L, 2L, 1.0, 0L), row("B", 1L, 2L, 0.5, 1L));
    }

    @Test
    void anOverlapUnderPolicyErrorFailsWithTheCoresErrorAndCommitsNothing() {
        dailyCoverageWithPolicyError();
        TableState before = TableState.of(table);

        Throwable failure = catchThrowable(() -> append(frame(PRICES,
                values("B", instant("2024-01-03T00:00:00Z"), 4L),
                values("A", instant("2024-01-02T18:00:00Z"), 9L)), table));

        assertThat(failure).isInstanceOfSatisfying(OverlapException.class, overlap -> {
            assertThat(overlap.key()).isEqualTo("(key=A)");
            assertThat(overlap.slotStart()).isEqualTo(instant("2024-01-02T00:00:00Z"));
            assertThat(overlap.slotEnd()).isEqualTo(instant("2024-01-03T00:00:00Z"));
            assertThat(overlap.rows()).isEqualTo(1);
            assertThat(overlap.version()).isEqualTo(1);
        }).hasMessageContaining("overlaps data already in the table: key (key=A) has 1 row in slot [2024-01-02T00:00:00Z,"
                + " 2024-01-03T00:00:00Z), which version 1 covers already (overlap policy 'error'). Nothing was committed");
        before.assertUnchanged(table);
    }

    @Test
    void onOverlapSkipDropsRowsInCoveredSlotsAndCommitsTheRest() {
        dailyCoverageWithPolicyError();

        // A's rows on 1 and 2 January fall in slots A covers; B on 3 January and C are new.
        append(frame(PRICES,
                values("A", instant("2024-01-02T18:00:00Z"), 99L),
                values("A", instant("2024-01-01T06:00:00Z"), 98L),
                values("B", instant("2024-01-03T00:00:00Z"), 4L),
                values("C", instant("2024-01-02T00:00:00Z"), 5L)), table, "onOverlap", "skip");

        assertThat(TestSupport.rows(AzofTable.forPath(SharedSpark.session(), table.toString()).history()
                .select("version", "rows_added", "rows_dropped").where("version = 2"))).containsExactly(row(2L, 2L, 2L));
        assertThat(prices("asOf", "2024-01-02T23:00:00Z")).containsExactly(row("A", 2L), row("B", 3L), row("C", 5L));
        assertThat(prices()).containsExactly(row("A", 2L), row("B", 4L), row("C", 5L));

        // Nothing left after dropping: nothing is committed. Allowed for one append, the correction goes in.
        append(frame(PRICES, values("A", instant("2024-01-01T12:00:00Z"), 7L)), table, "onOverlap", "skip");
        assertThat(latest(table).version()).isEqualTo(2);
        append(frame(PRICES, values("A", instant("2024-01-01T12:00:00Z"), 7L)), table, "onOverlap", "allow");
        assertThat(prices("asOf", "2024-01-01T13:00:00Z")).containsExactly(row("A", 7L), row("B", 3L));
    }

    /** The write's failure, checking that no Spark job ran for it. */
    private static Throwable failureWithoutAJob(ThrowingCallable write) {
        SparkContext context = SharedSpark.session().sparkContext();
        String group = "coverage-options-" + UUID.randomUUID();
        context.setJobGroup(group, "a write refused for its options", false);
        Throwable failure;
        try {
            failure = catchThrowable(write);
        } finally {
            context.clearJobGroup();
        }
        assertThat(context.statusTracker().getJobIdsForGroup(group)).as("jobs run by the refused write").isEmpty();
        return failure;
    }

    @Test
    void badCoverageOptionsFailBeforeAnyJobNamingTheOptionAndValue() {
        dailyCoverageWithPolicyError();
        TableState before = TableState.of(table);

        assertThat(failureWithoutAJob(() -> append(frame(PRICES, values("A", instant("2024-01-05T00:00:00Z"), 1L)), newTable,
                "coverageGranularity", "hourly")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'coverageGranularity' is 'hourly'").hasMessageContaining("such as 30s, 15m, 1h or 1d");
        assertThat(failureWithoutAJob(() -> append(frame(PRICES, values("A", instant("2024-01-05T00:00:00Z"), 1L)), newTable,
                "coverageGranularity", "1h", "overlapPolicy", "sometimes")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Option 'overlapPolicy' is 'sometimes'; it must be one of allow, error, skip");
        assertThat(failureWithoutAJob(() -> append(frame(PRICES, values("A", instant("2024-01-05T00:00:00Z"), 1L)), table,
                "onOverlap", "ignore")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Option 'onOverlap' is 'ignore'; it must be one of allow, error, skip");
        assertThat(failureWithoutAJob(() -> append(frame(PRICES, values("A", instant("2024-01-05T00:00:00Z"), 1L)), table,
                "onOverlaps", "skip")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown option 'onOverlaps' — did you mean 'onOverlap'?");
        assertThat(failureWithoutAJob(() -> append(frame(PRICES, values("A", instant("2024-01-05T00:00:00Z"), 1L)), table,
                "coverageGranularity", "1h")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("set a new table's properties").hasMessageContaining("has coverageGranularity=1d");

        before.assertUnchanged(table);
        assertThat(newTable).as("the directory of a table a refused write would create").isEmptyDirectory();
    }

    @Test
    void anOverlapPolicyNeedsATableThatRecordsCoverage() {
        append(frame(PRICES, values("A", instant("2024-01-01T00:00:00Z"), 1L)), table);

        assertThat(failureWithoutAJob(() -> append(frame(PRICES, values("A", instant("2024-01-01T00:00:00Z"), 2L)), table,
                "onOverlap", "skip")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Option 'onOverlap' is 'skip' but table")
                .hasMessageContaining("records no coverage to check overlaps against; set its property 'coverageGranularity'");
        assertThat(latest(table).version()).isEqualTo(1);
    }
}
