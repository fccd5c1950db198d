package io.azof.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A generated history: a sequence of appends, each a pure function of the history's parameters, generated inside
 * Spark; and the event times the benchmark reads it as of. Every append has the columns {@code key STRING,
 * event_time TIMESTAMP, price DOUBLE, qty BIGINT, note STRING}, and no key has two rows with the same event time
 * (so "the key's latest row as of T" is one row, whichever way a method breaks ties).
 */
public interface History {
    Scenario scenario();

    /** How many appends the history is written in. */
    int appends();

    /** The rows of append {@code append} (1-based), generated from {@code spark.range} in {@code partitions} partitions. */
    Dataset<Row> append(SparkSession spark, int append, int partitions);

    /** The as-of times the benchmark reads at, in order. */
    List<Instant> asOfTimes();

    /** Its size, e.g. {@code 1,000,000 keys x 12 versions}. */
    String size();

    /** How its rows are made, e.g. {@code 12 monthly appends from 2024-01, 5% of (key, month) skipped, seed 42}. */
    String shape();

    /** Everything the generated rows depend on: a stored history is reused only while all of it matches. */
    Map<String, String> identity();

    /** The default data directory's name under {@code target/bench-data}. */
    String directoryName();
}
