package io.azof.benchmarks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.azof.core.time.Micros;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The small keyed time series the metadata scenario appends for real ({@link RealAppends}): one reading of each of
 * {@code rowsPerAppend} keys ({@code k0000000} upwards) a minute, append <i>a</i> (1-based) at {@code 2024-01-01T00:00Z}
 * plus <i>a</i> minutes. The columns are the histories' ({@code key STRING, event_time TIMESTAMP, price DOUBLE,
 * qty BIGINT, note STRING}); price, quantity and note are pure functions of (seed, append, key), generated inside
 * Spark from {@code spark.range} like the histories' ({@link SplitMix}).
 *
 * @param appends       appends, one a minute; at least 1
 * @param rowsPerAppend rows of each, one per key, so also the number of keys; at least 1
 */
public record MinuteSeries(int appends, int rowsPerAppend, long seed) {
    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final long PRICE_CENTS = 1_000_000;
    private static final long QTY_MAX = 1_000;
    private static final long NOTES = 100;
    /** Stream numbers apart from the other generators', for tidiness. */
    private static final int FIRST_STREAM = 300;

    public MinuteSeries {
        if (appends < 1) {
            throw new IllegalArgumentException("appends must be at least 1, got " + appends);
        }
        if (rowsPerAppend < 1 || rowsPerAppend > 10_000_000) {
            throw new IllegalArgumentException("rows per append must be from 1 to 10,000,000 (keys k0000000 to k9999999), got "
                    + rowsPerAppend);
        }
    }

    /**
     * The named sizes: the reference, 2,000 appends of 100 rows (a table fed every minute for a day and a half), and a
     * quick one, 200 of 100.
     */
    public static MinuteSeries preset(Size size, long seed) {
        return switch (size) {
            case REFERENCE -> new MinuteSeries(2_000, 100, seed);
            case SMALL -> new MinuteSeries(200, 100, seed);
        };
    }

    /** The event time of every row of append {@code append}. */
    public static Instant eventTime(int append) {
        return START.plus(INTERVAL.multipliedBy(append));
    }

    /** The rows of append {@code append} (1-based), from {@code spark.range} in {@code partitions} partitions. */
    public Dataset<Row> append(SparkSession spark, int append, int partitions) {
        long priceBase = SplitMix.streamBase(seed, FIRST_STREAM);
        long qtyBase = SplitMix.streamBase(seed, FIRST_STREAM + 1);
        long noteBase = SplitMix.streamBase(seed, FIRST_STREAM + 2);
        return spark.range(0, rowsPerAppend, 1, partitions).select(
                format_string("k%07d", col("id")).as("key"),
                timestamp_micros(lit(Micros.of(eventTime(append)))).as("event_time"),
                pmod(SplitMix.hash(priceBase, col("id"), append), lit(PRICE_CENTS)).divide(lit(100.0)).as("price"),
                pmod(SplitMix.hash(qtyBase, col("id"), append), lit(QTY_MAX)).plus(lit(1L)).as("qty"),
                format_string("note-%02d", pmod(SplitMix.hash(noteBase, col("id"), append), lit(NOTES))).as("note"));
    }

    /** {@code A appends x R rows}, for the table's header. */
    public String describe() {
        return String.format("%,d appends x %,d rows (one row per key, %,d keys, one append a minute from %s)", appends, rowsPerAppend,
                rowsPerAppend, START);
    }

    /** The directory name under {@code target/bench-data}, e.g. {@code metadata-2000x100-seed42}. */
    public String directoryName() {
        return "metadata-" + appends + "x" + rowsPerAppend + "-seed" + seed;
    }
}
