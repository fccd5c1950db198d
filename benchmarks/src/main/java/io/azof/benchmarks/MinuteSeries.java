package io.azof.benchmarks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The small keyed time series the metadata scenario appends for real ({@link RealAppends}): one reading of each of
 * {@code rowsPerAppend} keys ({@code k0000000} upwards) a minute, append <i>a</i> (1-based) at {@code 2024-01-01T00:00Z}
 * plus <i>a</i> minutes. The columns are the histories' ({@code key STRING, event_time TIMESTAMP, price DOUBLE,
 * qty BIGINT, note STRING}); price, quantity and note are pure functions of (seed, append, key) ({@link SplitMix}).
 *
 * <p>Unlike the histories, whose appends of up to a million rows are generated inside Spark, an append of a few
 * hundred rows is made on the driver and handed to Spark as a local relation: caching a generated Dataset before each
 * write, as the histories do so that only the write is timed, would cost three Spark jobs per append, more than
 * writing it does at this size.
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

    /** The columns of every append. */
    public static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("event_time", DataTypes.TimestampType, false)
            .add("price", DataTypes.DoubleType, true)
            .add("qty", DataTypes.LongType, true)
            .add("note", DataTypes.StringType, true);

    /** The rows of append {@code append} (1-based), as a local relation: Spark splits it over its default parallelism. */
    public Dataset<Row> append(SparkSession spark, int append) {
        List<Row> rows = new ArrayList<>(rowsPerAppend);
        Timestamp eventTime = Timestamp.from(eventTime(append));
        for (int row = 0; row < rowsPerAppend; row++) {
            rows.add(RowFactory.create(HistoryGenerator.key(row), eventTime, price(append, row), qty(append, row), note(append, row)));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** A price in cents divided by 100: two decimals, 0.00 to 9999.99. */
    public double price(int append, int row) {
        return Math.floorMod(SplitMix.hash(SplitMix.streamBase(seed, FIRST_STREAM), row, append), PRICE_CENTS) / 100.0;
    }

    public long qty(int append, int row) {
        return Math.floorMod(SplitMix.hash(SplitMix.streamBase(seed, FIRST_STREAM + 1), row, append), QTY_MAX) + 1;
    }

    public String note(int append, int row) {
        return String.format("note-%02d", Math.floorMod(SplitMix.hash(SplitMix.streamBase(seed, FIRST_STREAM + 2), row, append), NOTES));
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
