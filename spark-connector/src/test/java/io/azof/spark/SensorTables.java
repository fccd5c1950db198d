package io.azof.spark;

import static io.azof.spark.TestSupport.row;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small time-series table with hourly coverage whose answers are worked out by hand, for the coverage tests of
 * {@code AzofTable} and of the SQL functions. Its key is (site, sensor); the range asked about is 1 March 2024, 00:00 to
 * 06:00 UTC: six one-hour slots, numbered here by their hour.
 * <ol>
 *   <li>north/1 at 00:10, 01:20, 01:40 and 04:00 (slots 0, 1, 4); north/2 at 02:30 (slot 2); south/1 at 00:00 and 05:59:59
 *       (slots 0, 5); west/3 only on 2 March (outside the range);</li>
 *   <li>north/1 at 02:15 (slot 2) and north/2 at 03:05 (slot 3).</li>
 * </ol>
 */
public final class SensorTables {
    public static final StructType SENSORS = new StructType()
            .add("site", DataTypes.StringType)
            .add("sensor", DataTypes.IntegerType)
            .add("at", DataTypes.TimestampType)
            .add("reading", DataTypes.DoubleType);

    /** The write options of the table: its key, its event time and hourly coverage. */
    public static final Map<String, String> HOURLY = Map.of("keyColumns", "site,sensor", "eventTimeColumn", "at",
            "coverageGranularity", "1h");

    public static final String FROM = "2024-03-01T00:00:00Z";
    public static final String TO = "2024-03-01T06:00:00Z";

    /** Per key at version 2: slots 0, 1, 2, 4 / 2, 3 / 0, 5 / none of the six. */
    public static final List<List<Object>> COVERAGE_V2 = List.of(
            row("north", 1, 4L, 6L, 4.0 / 6, 1L),
            row("north", 2, 2L, 6L, 2.0 / 6, 2L),
            row("south", 1, 2L, 6L, 2.0 / 6, 4L),
            row("west", 3, 0L, 6L, 0.0, 6L));

    /** Per key at version 1: slots 0, 1, 4 / 2 / 0, 5 / none. */
    public static final List<List<Object>> COVERAGE_V1 = List.of(
            row("north", 1, 3L, 6L, 3.0 / 6, 2L),
            row("north", 2, 1L, 6L, 1.0 / 6, 3L),
            row("south", 1, 2L, 6L, 2.0 / 6, 4L),
            row("west", 3, 0L, 6L, 0.0, 6L));

    public static final List<List<Object>> GAPS_V2 = List.of(
            row("north", 1, hour(3), hour(4), 1L),
            row("north", 1, hour(5), hour(6), 1L),
            row("north", 2, hour(0), hour(2), 2L),
            row("north", 2, hour(4), hour(6), 2L),
            row("south", 1, hour(1), hour(5), 4L),
            row("west", 3, hour(0), hour(6), 6L));

    public static final List<List<Object>> GAPS_V1 = List.of(
            row("north", 1, hour(2), hour(4), 2L),
            row("north", 1, hour(5), hour(6), 1L),
            row("north", 2, hour(0), hour(2), 2L),
            row("north", 2, hour(3), hour(6), 3L),
            row("south", 1, hour(1), hour(5), 4L),
            row("west", 3, hour(0), hour(6), 6L));

    /** Over the table, version 2 covers every slot; version 1 all but slot 3. */
    public static final List<List<Object>> TABLE_COVERAGE_V2 = List.of(row(6L, 6L, 1.0, 0L));
    public static final List<List<Object>> TABLE_COVERAGE_V1 = List.of(row(5L, 6L, 5.0 / 6, 1L));
    public static final List<List<Object>> TABLE_GAPS_V1 = List.of(row(hour(3), hour(4), 1L));

    private SensorTables() {
    }

    /** The start of an hour of 1 March 2024, UTC; hour 6 is the end of the range. */
    public static Instant hour(int hour) {
        return Instant.parse("2024-03-01T%02d:00:00Z".formatted(hour));
    }

    /** Writes versions 1 and 2 of the story at {@code table}. */
    public static void writeTwoVersions(Path table) {
        append(table, HOURLY,
                reading("north", 1, "2024-03-01T00:10:00Z"), reading("north", 1, "2024-03-01T01:20:00Z"),
                reading("north", 1, "2024-03-01T01:40:00Z"), reading("north", 1, "2024-03-01T04:00:00Z"),
                reading("north", 2, "2024-03-01T02:30:00Z"),
                reading("south", 1, "2024-03-01T00:00:00Z"), reading("south", 1, "2024-03-01T05:59:59Z"),
                reading("west", 3, "2024-03-02T10:00:00Z"));
        append(table, Map.of(), reading("north", 1, "2024-03-01T02:15:00Z"), reading("north", 2, "2024-03-01T03:05:00Z"));
    }

    /** A reading of 1.0 by the sensor at the instant. */
    public static Object[] reading(String site, int sensor, String isoInstant) {
        return new Object[] {site, sensor, Instant.parse(isoInstant), 1.0};
    }

    public static void append(Path table, Map<String, String> options, Object[]... readings) {
        List<Row> rows = new ArrayList<>();
        for (Object[] reading : readings) {
            rows.add(RowFactory.create(reading));
        }
        SharedSpark.session().createDataFrame(rows, SENSORS).write().format("azof").mode("append").options(options).save(table.toString());
    }
}
