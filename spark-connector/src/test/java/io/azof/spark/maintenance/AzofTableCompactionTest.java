package io.azof.spark.maintenance;

import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static io.azof.spark.maintenance.PriceTables.append;
import static io.azof.spark.maintenance.PriceTables.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.metadata.FileRole;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.TestTimes;
import io.azof.core.time.AsOf;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AzofTable.forPath(spark, path).compact(...)}: a Spark job builds the bases, and every answer stays the same. */
class AzofTableCompactionTest {
    @TempDir
    Path dir;

    /**
     * Twelve monthly appends of three tickers, price = 10 * month + ticker number, into one bucket, without compaction
     * after writes: these tests compact by hand.
     */
    private String twelveMonths() {
        String table = dir.resolve("prices").toString();
        for (int month = 1; month <= 12; month++) {
            String day = String.format("2024-%02d-15", month);
            Object[][] monthRows = new Object[3][];
            for (int ticker = 1; ticker <= 3; ticker++) {
                monthRows[ticker - 1] = price("T" + ticker, day, 10L * month + ticker);
            }
            append(table, Map.of("buckets", "1", "autoCompact", "false"), monthRows);
        }
        return table;
    }

    private static List<List<Object>> asOf(String table, String day) {
        return rows(azof().option("asOf", day).load(table).select("key", "price").orderBy("key"));
    }

    @Test
    void compactionRunsAsASparkJobAndChangesNoAnswer() throws TimeoutException {
        String table = twelveMonths();
        CompactionPolicy everySegment = CompactionPolicy.defaults().withMinFilesToMerge(2);
        TaskCounter tasks = new TaskCounter();
        SharedSpark.session().sparkContext().addSparkListener(tasks);
        List<List<Object>> result;
        try {
            result = rows(AzofTable.forPath(SharedSpark.session(), table).compact(everySegment));
            SharedSpark.session().sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            SharedSpark.session().sparkContext().removeSparkListener(tasks);
        }

        // Bases for March to December (a read at February 1st merges only January's file): one task each.
        assertThat(result).containsExactly(row(13L, true, 10, 30L, 0, 0, 0));
        assertThat(tasks.compactionTasks.get()).isEqualTo(10);
        for (int month = 1; month <= 12; month++) {
            assertThat(asOf(table, String.format("2024-%02d-20", month))).as("as of month %d", month)
                    .containsExactly(row("T1", 10L * month + 1), row("T2", 10L * month + 2), row("T3", 10L * month + 3));
        }
        // The version before the compaction has no bases and answers the same.
        assertThat(rows(azof().option("asOf", "2024-12-31").option("versionAsOf", "12").load(table).select("key", "price").orderBy("key")))
                .containsExactly(row("T1", 121L), row("T2", 122L), row("T3", 123L));
        List<PlannedFile> december = VersionedPlanner.plan(latestSnapshot(table), AsOf.eventTime(TestTimes.micros("2024-12-31T00:00:00Z")),
                ScanFilter.none());
        assertThat(december).extracting(PlannedFile::role).containsExactlyInAnyOrder(FileRole.BASE, FileRole.DELTA);
    }

    @Test
    void compactingAgainWithNothingToDoCommitsNothing() {
        String table = twelveMonths();
        AzofTable azofTable = AzofTable.forPath(SharedSpark.session(), table);
        azofTable.compact();

        assertThat(rows(azofTable.compact())).containsExactly(row(13L, false, 0, 0L, 0, 0, 0));
    }

    @Test
    void forPathNamesAMissingTable() {
        String missing = dir.resolve("nothing-here").toString();

        assertThatThrownBy(() -> AzofTable.forPath(SharedSpark.session(), missing))
                .isInstanceOf(TableNotFoundException.class).hasMessageContaining("nothing-here");
    }

    private static io.azof.core.metadata.Snapshot latestSnapshot(String table) {
        return TestTables.localTable(Path.of(table)).latestSnapshot();
    }

    /** Counts the tasks of jobs whose description says they are a compaction. */
    private static final class TaskCounter extends SparkListener {
        final AtomicInteger compactionTasks = new AtomicInteger();
        private final Set<Integer> compactionStages = ConcurrentHashMap.newKeySet();

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            String description = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.job.description");
            if (description != null && description.startsWith("azof compact")) {
                scala.collection.Iterator<Object> stages = jobStart.stageIds().iterator();
                while (stages.hasNext()) {
                    compactionStages.add((Integer) stages.next());
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            if (compactionStages.contains(taskEnd.stageId())) {
                compactionTasks.incrementAndGet();
            }
        }
    }
}
