package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small-appends scenario end to end on a tiny history (10 appends of 250 rows over 1,000 keys): the rows it
 * generates, the tables it writes, the answers of every method against the generator's definition, and the table it
 * prints. Timings are never asserted. The whole class writes the history once and runs one round.
 */
class BenchmarkSmallAppendsEndToEndTest {
    /**
     * 10 appends, the fewest that still cover what this class checks: the 9th append is the first to leave more than 8
     * runs in a bucket, so it triggers azof's compaction after writes, and the 10th puts that compaction between two
     * appends (a compaction after the last append would not be one between them); the three as-of times (a quarter,
     * half-way, the last append: now(3), now(5), now(10)) stay distinct. 12 appends only added two more of the same
     * appends and Delta's first checkpoint (its 11th commit), which is Delta's own code, seconds long in a fresh JVM,
     * and which the metadata scenario's end-to-end test still crosses on purpose.
     */
    private static final SmallAppendsParameters TINY = new SmallAppendsParameters(10, 250, 1_000, HistoryParameters.DEFAULT_SEED);
    private static final SmallAppendsGenerator GENERATOR = new SmallAppendsGenerator(TINY);

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

    /** Spark's rows of an append are the Java functions' rows, to the microsecond of the event time. */
    @Test
    void generatedRowsFollowTheGeneratorsJavaFunctions() {
        int append = 5;
        List<Row> rows = GENERATOR.append(spark, append, 2).orderBy("key").collectAsList();

        // Keys are different within an append, so ordering both sides by key pairs the rows up.
        List<Long> rowNumbers = LongStream.range(0, TINY.rowsPerAppend()).boxed()
                .sorted(Comparator.comparing(row -> HistoryGenerator.key(GENERATOR.keyIndex(append, row)))).toList();
        assertThat(rows).hasSize(TINY.rowsPerAppend());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            long n = rowNumbers.get(i);
            assertThat(row.getString(0)).isEqualTo(HistoryGenerator.key(GENERATOR.keyIndex(append, n)));
            assertThat(row.getTimestamp(1).toInstant()).isEqualTo(GENERATOR.eventTime(append, n));
            assertThat(row.getDouble(2)).isEqualTo(GENERATOR.price(append, n));
            assertThat(row.getLong(3)).isEqualTo(GENERATOR.qty(append, n));
            assertThat(row.getString(4)).isEqualTo(GENERATOR.note(append, n));
        }
    }

    @Test
    void everyFormatHoldsEveryAppendAndEachAppendWasTimed() {
        BenchmarkTables tables = new BenchmarkTables(dataDir);
        assertThat(history.rows()).isEqualTo(TINY.rows());
        assertThat(spark.read().parquet(tables.path(TableFormat.PARQUET)).count()).isEqualTo(TINY.rows());
        assertThat(spark.read().format("delta").load(tables.path(TableFormat.DELTA)).count()).isEqualTo(TINY.rows());
        assertThat(spark.table(tables.icebergTable(spark)).count()).isEqualTo(TINY.rows());
        // An azof read without asOf returns each key's latest row: after two appends, one row per key they wrote.
        long keysOfTwoAppends = LongStream.range(0, TINY.rowsPerAppend())
                .flatMap(row -> LongStream.of(GENERATOR.keyIndex(1, row), GENERATOR.keyIndex(2, row))).distinct().count();
        assertThat(spark.read().format("azof").option("versionAsOf", "2").load(tables.path(TableFormat.AZOF)).count())
                .isEqualTo(keysOfTwoAppends);
        // Compaction after writes is on by default: the 9th of 10 appends of one month leaves more than 8 runs in
        // each bucket, and a compaction commits between the appends.
        assertThat(tables.compactionsAfterWrites()).isPositive();
        assertThat(tables.writtenVersion() - tables.compactionsAfterWrites()).isEqualTo(TINY.appends());
        for (TableFormat format : TableFormat.values()) {
            assertThat(history.appendNanos(format)).as("write times of %s", format).hasSize(TINY.appends()).allMatch(n -> n > 0);
        }
        assertThat(generationProgress).contains("Generating 10 appends x 250 rows over 1,000 keys (small-appends)",
                "append 10/10 written (250 rows)");
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
        List<Instant> asOfTimes = GENERATOR.asOfTimes();
        assertThat(asOfTimes).containsExactly(SmallAppendsGenerator.now(3), SmallAppendsGenerator.now(5), SmallAppendsGenerator.now(10));
        for (Instant asOf : asOfTimes) {
            Answer expected = ExpectedAnswers.asOf(GENERATOR, asOf);
            assertThat(expected.rows()).as("keys seen as of %s", asOf).isPositive();
            for (Method method : List.of(Method.AZOF, Method.AZOF_COMPACTED, Method.WINDOW, Method.DELTA, Method.ICEBERG)) {
                ExpectedAnswers.assertSameAnswer(outcome.answers().answer(method, asOf).orElseThrow(), expected, method + " as of " + asOf);
            }
            ExpectedAnswers.assertSameAnswer(outcome.answers().answer(Method.SCAN, asOf).orElseThrow(),
                    ExpectedAnswers.scan(GENERATOR, asOf), "scan as of " + asOf);
            assertThat(table).contains(asOf.toString(), String.format("%,d", expected.rows()));
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Reusing the history");
        assertThat(table).contains("small-appends scenario", "10 appends x 250 rows over 1,000 keys = 2,500 rows",
                "the 10 appends, each timed", "append median", "append p90", "window / Iceberg", "iceberg/azof", "azof files per read")
                .doesNotContain("acceptance targets");
    }
}
