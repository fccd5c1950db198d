package io.azof.benchmarks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on a tiny monthly history (2,000 keys x 6 versions): the tables it writes, the answers of
 * its queries against the generator's definition, and the table it prints. Timings are never asserted.
 * Spark's first jobs dominate the run time here, so the whole class writes the history once and runs one round.
 */
class BenchmarkEndToEndTest {
    private static final HistoryParameters TINY = new HistoryParameters(2_000, 6, HistoryParameters.DEFAULT_SEED);
    private static final HistoryGenerator GENERATOR = new HistoryGenerator(TINY);

    @TempDir
    static Path dataDir;

    private static SparkSession spark;
    private static DataDirectory.StoredHistory history;
    private static String generationProgress;

    @BeforeAll
    static void writeHistory() {
        WrittenHistory written = WrittenHistory.write(GENERATOR, dataDir);
        spark = written.spark();
        history = written.history();
        generationProgress = written.progress();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void generatedRowsFollowTheGeneratorsJavaFunctions() {
        int month = 2;
        List<Row> rows = GENERATOR.append(spark, month, 2).orderBy("key").collectAsList();

        List<Long> presentKeys = LongStream.range(0, TINY.keys())
                .filter(key -> GENERATOR.present(key, month)).boxed().toList();
        assertThat(presentKeys.size()).isLessThan((int) TINY.keys()).isGreaterThan((int) TINY.keys() * 9 / 10);
        assertThat(rows).hasSize(presentKeys.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            long key = presentKeys.get(i);
            assertThat(row.getString(0)).isEqualTo(HistoryGenerator.key(key));
            assertThat(row.getTimestamp(1).toInstant()).isEqualTo(GENERATOR.eventTime(key, month))
                    .isBetween(HistoryGenerator.monthStart(month), HistoryGenerator.monthStart(month + 1));
            assertThat(row.getDouble(2)).isEqualTo(GENERATOR.price(key, month));
            assertThat(row.getLong(3)).isEqualTo(GENERATOR.qty(key, month));
            assertThat(row.getString(4)).isEqualTo(GENERATOR.note(key, month));
        }
    }

    @Test
    void theHistoryHasEveryGeneratedRowInEachFormat() {
        long rows = ExpectedAnswers.scan(GENERATOR, HistoryGenerator.monthStart(TINY.versions() + 1)).rows();
        assertThat(history.rows()).isEqualTo(rows);
        BenchmarkTables tables = new BenchmarkTables(dataDir);
        assertThat(spark.read().parquet(tables.path(TableFormat.PARQUET)).count()).isEqualTo(rows);
        assertThat(spark.read().format("delta").load(tables.path(TableFormat.DELTA)).count()).isEqualTo(rows);
        assertThat(spark.table(tables.icebergTable(spark)).count()).isEqualTo(rows);
        assertThat(Path.of(tables.path(TableFormat.ICEBERG), BenchmarkTables.ICEBERG_NAME, "metadata")).isDirectory();
        assertThat(spark.read().format("azof").option("versionAsOf", "1").load(tables.path(TableFormat.AZOF)).count())
                .isEqualTo(ExpectedAnswers.scan(GENERATOR, HistoryGenerator.monthStart(2).minusSeconds(1)).rows());
        assertThat(generationProgress).contains("Generating 2,000 keys x 6 versions (monthly)");
        for (TableFormat format : TableFormat.values()) {
            assertThat(history.appendNanos(format)).as("write times of %s", format).hasSize(TINY.versions()).allMatch(n -> n > 0);
        }
    }

    /** The key-clustered Parquet baseline holds every row, each append in two files (local[2]: two tasks). */
    @Test
    void theSortedParquetTableHoldsEveryRowInTwoFilesPerAppend() {
        long rows = ExpectedAnswers.scan(GENERATOR, HistoryGenerator.monthStart(TINY.versions() + 1)).rows();
        Dataset<Row> table = spark.read().parquet(new BenchmarkTables(dataDir).path(TableFormat.PARQUET_SORTED));
        assertThat(table.count()).isEqualTo(rows);
        assertThat(table.select(input_file_name()).distinct().count()).isEqualTo(2L * TINY.versions());
    }

    /** Its rows, from an append shuffled at random: each task holds whole keys, in (key, event time) order. */
    @Test
    void theSortedParquetRowsAreClusteredByKeyAndSortedInEachTask() {
        Dataset<Row> shuffled = GENERATOR.append(spark, 2, 2).union(GENERATOR.append(spark, 3, 2)).orderBy(rand(7));
        List<Row> rows = BenchmarkTables.clusteredByKey(shuffled, 3).select(spark_partition_id(), col("key"), col("event_time"))
                .collectAsList();
        assertThat(rows).hasSize((int) shuffled.count());
        Map<String, Integer> taskOfKey = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertThat(taskOfKey.putIfAbsent(row.getString(1), row.getInt(0))).as("task of key %s", row.getString(1))
                    .isIn(null, row.getInt(0));
            Row previous = i == 0 ? null : rows.get(i - 1);
            if (previous != null && previous.getInt(0) == row.getInt(0)) {
                int byKey = previous.getString(1).compareTo(row.getString(1));
                assertThat(byKey < 0 || byKey == 0 && previous.getTimestamp(2).before(row.getTimestamp(2)))
                        .as("row %d, %s, follows %s", i, row, previous).isTrue();
            }
        }
        assertThat(new HashSet<>(taskOfKey.values())).hasSize(3);
    }

    /**
     * With the default policy, six monthly appends get a base at May (a read at May 1st would merge four monthly
     * files per bucket), so the last as-of time merges May's base and the May and June files instead of six files.
     */
    @Test
    void theAzofTableIsCompactedAfterTheAppendsAndLateReadsOpenFewerFiles() {
        BenchmarkTables tables = new BenchmarkTables(dataDir);
        assertThat(tables.writtenVersion()).isEqualTo(6);
        assertThat(tables.latestAzofVersion()).isEqualTo(7);
        Instant endOfJune = HistoryGenerator.monthStart(7).minusSeconds(1);
        BenchmarkTables.FilesPerRead before = tables.filesPerRead(6, endOfJune);
        BenchmarkTables.FilesPerRead after = tables.filesPerRead(7, endOfJune);
        assertThat(before.bases()).isZero();
        assertThat(before.deltas()).isEqualTo(6 * 4);
        assertThat(after.bases()).isEqualTo(4);
        assertThat(after.deltas()).isEqualTo(2 * 4);
        assertThat(after.rows()).isLessThan(before.rows());
        assertThat(history.basesWritten()).isEqualTo(4);
    }

    /** One round of every method, without warm-up: the answers the run checked, and the table it printed. */
    @Test
    void aRunReturnsTheAnswersTheGeneratorDefinesAndPrintsTheTable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Benchmark.Settings settings = new Benchmark.Settings(GENERATOR, dataDir, false, List.of(Method.values()), 0, 1,
                AzofWriteOptions.TABLE_DEFAULTS, WrittenHistory.WARM_UP_WRITES);

        Benchmark.Outcome outcome = new Benchmark(spark, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run(settings);

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(outcome.answers().mismatches()).isEmpty();
        assertThat(outcome.exitCode()).as(table).isZero();
        for (Instant asOf : HistoryGenerator.asOfTimes(TINY.versions())) {
            Answer expected = ExpectedAnswers.asOf(GENERATOR, asOf);
            assertThat(expected.rows()).as("keys seen as of %s", asOf).isPositive();
            for (Method method : List.of(Method.AZOF, Method.AZOF_COMPACTED, Method.WINDOW, Method.DELTA, Method.ICEBERG)) {
                ExpectedAnswers.assertSameAnswer(outcome.answers().answer(method, asOf).orElseThrow(), expected, method + " as of " + asOf);
            }
            ExpectedAnswers.assertSameAnswer(outcome.answers().answer(Method.SCAN, asOf).orElseThrow(), ExpectedAnswers.scan(GENERATOR, asOf),
                    "scan as of " + asOf);
            assertThat(table).contains(asOf.toString(), String.format("%,d", expected.rows()));
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Reusing the history");
        assertThat(table).contains("monthly scenario", "2,000 keys x 6 versions", "window / Iceberg", "window/azof", "delta/azof",
                "iceberg/azof", "azof/scan", "iceberg/compacted", "compacted/scan", "Delta Lake", "Parquet (flat)", "Apache Iceberg",
                "Hadoop catalog table iceberg_bench", "read.split.adaptive-size.enabled=false", "append median", "append p90", "vs Parquet",
                "writes with no options: the table's default settings", "azof compaction (default policy", "azof files per read",
                "acceptance targets");
    }
}
