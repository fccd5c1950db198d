package io.azof.benchmarks;

import org.apache.spark.sql.SparkSession;

/**
 * The embedded Spark the benchmark and its test run on, with Delta Lake and Apache Iceberg configured beside azof.
 * Iceberg's catalog is registered per data directory, once the benchmark knows it ({@link BenchmarkTables#icebergTable}).
 */
public final class BenchmarkSpark {
    public static final String DEFAULT_MASTER = "local[2]";
    /** Twice the two cores: the window's shuffle gets parallelism without Spark's 200 tiny tasks. */
    public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

    private BenchmarkSpark() {
    }

    public static SparkSession start(String master, int shufflePartitions) {
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("azof-benchmarks")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.session.timeZone", "UTC")
                // The generator's hash relies on 64-bit multiplication wrapping around, as it does without ANSI mode.
                .config("spark.sql.ansi.enabled", "false")
                // Both formats' SQL extensions, as each one's documentation configures them. Iceberg's catalog is not
                // spark_catalog (Delta's is): the benchmark registers an Iceberg Hadoop catalog of its own.
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,"
                        + "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Delta keeps a table's file list in a cached Dataset of 50 partitions by default and filters it on
                // every query: 50 tiny tasks per read on two cores. Sizing it like the shuffle favours Delta, which
                // is the side a benchmark of azof should err on.
                .config("spark.databricks.delta.snapshotPartitions", shufflePartitions)
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
