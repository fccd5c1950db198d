package io.azof.examples;

import io.azof.spark.AzofTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tour of coverage and gaps (README "Coverage and gaps"): hourly readings of three sensors, written in daily batches with
 * hourly coverage, a batch re-sent by mistake (refused, then skipped), late readings that fill a gap, and the gap queries
 * from the DataFrame API and SQL, answered from metadata.
 *
 * <p>Usage: {@code CoverageTour [tableDir]}, the directory new or empty, defaulting to a new temporary directory. From the
 * repository root: {@code mvn -q -Prun-example -DskipTests package -Dexample=CoverageTour}.
 */
public final class CoverageTour {
    static final StructType READINGS = new StructType()
            .add("sensor", DataTypes.StringType)
            .add("at", DataTypes.TimestampType)
            .add("celsius", DataTypes.DoubleType);
    static final String DAY_1 = "2024-03-01";
    static final String DAY_3 = "2024-03-03";

    private CoverageTour() {
    }

    public static void main(String[] args) throws IOException {
        Path table = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("azof-coverage-tour").resolve("readings");
        SparkSession spark = LocalSpark.start("azof coverage tour");
        try {
            new Tour(spark, table.toString()).run();
        } finally {
            spark.stop();
        }
    }

    record Tour(SparkSession spark, String table) {
        void run() {
            System.out.println("azof coverage tour: table " + table);

            step("1. Day 1: hourly readings of s1, s2 and s3, except s2 from 10:00 to 13:59 (its link was down)."
                    + " The first write sets coverageGranularity=1h and overlapPolicy=error.");
            write(day(DAY_1, 0, 24, "s1"), day(DAY_1, 0, 10, "s2"), day(DAY_1, 14, 24, "s2"), day(DAY_1, 0, 24, "s3"));

            step("2. Day 2: s3 stops reporting at 06:00.");
            write(day("2024-03-02", 0, 24, "s1"), day("2024-03-02", 0, 24, "s2"), day("2024-03-02", 0, 6, "s3"));

            step("3. The day 2 batch is sent again by mistake. The table's policy, error, refuses it and commits nothing:");
            try {
                write(day("2024-03-02", 0, 24, "s1"));
            } catch (RuntimeException e) {
                System.out.println("   " + rootMessage(e));
            }

            step("4. s2's missing hours of day 1 arrive late, in a batch that also repeats hours already there: with"
                    + " onOverlap=skip the repeats are dropped and the late hours written.");
            writeSkipping(day(DAY_1, 8, 16, "s2"));
            System.out.println("   rows dropped, from the commit log: " + AzofTable.forPath(spark, table).history().first().getAs("rows_dropped"));

            step("5. Coverage per sensor over days 1 and 2 (AzofTable.coverage), from metadata:");
            AzofTable readings = AzofTable.forPath(spark, table);
            readings.coverage(DAY_1, DAY_3).orderBy("sensor").show(false);

            step("6. The gaps per sensor (AzofTable.gaps) and over the whole table (SQL azof_table_gaps):");
            readings.gaps(DAY_1, DAY_3).orderBy("sensor", "gap_start").show(false);
            spark.sql("SELECT * FROM azof_table_gaps('" + table + "', '" + DAY_1 + "', '" + DAY_3 + "')").show(false);

            step("7. The same question as known at version 2, before the late hours arrived (azof_gaps with a version):");
            spark.sql("SELECT * FROM azof_gaps('" + table + "', '" + DAY_1 + "', '" + DAY_3 + "', 2) ORDER BY sensor, gap_start")
                    .show(false);
        }

        @SafeVarargs
        private void write(List<Row>... batches) {
            writer(batches).save(table);
        }

        private void writeSkipping(List<Row> rows) {
            writer(rows).option("onOverlap", "skip").save(table);
        }

        @SafeVarargs
        private DataFrameWriter<Row> writer(List<Row>... batches) {
            List<Row> rows = new ArrayList<>();
            for (List<Row> batch : batches) {
                rows.addAll(batch);
            }
            Dataset<Row> frame = spark.createDataFrame(rows, READINGS);
            return frame.write().format("azof").mode("append")
                    .option("keyColumns", "sensor").option("eventTimeColumn", "at")
                    .option("coverageGranularity", "1h").option("overlapPolicy", "error");
        }

        private static void step(String text) {
            System.out.println();
            System.out.println(text);
        }
    }

    /** One reading per hour of {@code date} from hour {@code from} to hour {@code to} (exclusive), at 20 minutes past. */
    static List<Row> day(String date, int from, int to, String sensor) {
        List<Row> rows = new ArrayList<>();
        for (int hour = from; hour < to; hour++) {
            Instant at = Instant.parse(date + "T00:20:00Z").plusSeconds(3_600L * hour);
            rows.add(RowFactory.create(sensor, Timestamp.from(at), 20.0 + hour / 2.0));
        }
        return rows;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
