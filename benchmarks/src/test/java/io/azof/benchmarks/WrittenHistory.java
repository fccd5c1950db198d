package io.azof.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny benchmark history written by a local Spark into a test's directory, as the benchmark's own data directory
 * prepares it, for the end-to-end tests of each scenario.
 *
 * @param progress what the generation printed
 */
record WrittenHistory(SparkSession spark, DataDirectory.StoredHistory history, String progress) {
    /** One warm-up write of each format: the warm-up runs, but the tests time nothing, so it need not be the default. */
    static final int WARM_UP_WRITES = 1;

    /** Starts Spark (the caller stops it) and writes {@code generator}'s history with the table defaults. */
    static WrittenHistory write(History generator, Path dataDir) {
        SparkSession spark = BenchmarkSpark.start(BenchmarkSpark.DEFAULT_MASTER, 2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DataDirectory.StoredHistory history = new DataDirectory(dataDir).prepare(spark, generator, AzofWriteOptions.TABLE_DEFAULTS,
                WARM_UP_WRITES, false, new PrintStream(progress, true, StandardCharsets.UTF_8));
        return new WrittenHistory(spark, history, progress.toString(StandardCharsets.UTF_8));
    }
}
