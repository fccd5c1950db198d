package io.azof.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;

/**
 * What an as-of read does at scale, from the scan's own metrics (the numbers the Spark UI's SQL tab shows):
 * a table of 100,000 sensors with a reading a month for six months, in 8 buckets, read as of a date, for one
 * sensor, for recent readings only, and filtered on a payload column.
 *
 * <p>Usage: {@code ReadsAtScaleTour [tableDir]}, the directory new or empty, defaulting to a new temporary
 * directory. From the repository root:
 * {@code mvn -q -Prun-example -DskipTests package -Dexample=ReadsAtScaleTour}.
 */
public final class ReadsAtScaleTour {
    private static final int SENSORS = 100_000;
    private static final int MONTHS = 6;

    private ReadsAtScaleTour() {
    }

    public static void main(String[] args) throws IOException {
        Path table = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("azof-scale-tour").resolve("readings");
        if (Files.isDirectory(table)) {
            try (var entries = Files.list(table)) {
                if (entries.findAny().isPresent()) {
                    System.err.println(table + " is not empty; give a new or empty directory for the tour's table.");
                    System.exit(2);
                }
            }
        }
        SparkSession spark = LocalSpark.start("azof reads at scale tour");
        try {
            run(spark, table.toString());
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, String table) {
        System.out.printf("Writing %,d sensors x %d monthly readings (%,d rows) as %d appends, 8 buckets, to %s%n",
                SENSORS, MONTHS, SENSORS * MONTHS, MONTHS, table);
        for (int month = 1; month <= MONTHS; month++) {
            spark.range(SENSORS).selectExpr(
                            "format_string('sensor-%06d', id) AS key",
                            "timestamp_seconds(unix_timestamp(make_date(2024, " + month + ", 1)) + id % 86400) AS event_time",
                            "round(20 + (hash(id, " + month + ") % 500) / 100.0, 2) AS celsius")
                    .write().format("azof").mode("append").option("buckets", "8").save(table);
        }
        Dataset<Row> asOfApril = spark.read().format("azof").option("asOf", "2024-04-15").load(table);

        show("As of 2024-04-15, every sensor: the merge reads January to April and keeps each sensor's April reading.",
                asOfApril.selectExpr("count(*) AS sensors", "round(avg(celsius), 3) AS avg_celsius"));
        show("One sensor: its key hashes to one bucket, so only that bucket's files are opened.",
                asOfApril.where("key = 'sensor-004242'"));
        show("Readings since April 1st: older files cannot hold one, so they are skipped.",
                asOfApril.where("event_time >= timestamp'2024-04-01 00:00:00Z'").selectExpr("count(*) AS sensors"));
        show("A payload filter opens every file: it may only act after the merge, or a stale reading would match.",
                asOfApril.where("celsius > 24.9").selectExpr("count(*) AS hot_sensors"));
    }

    private static void show(String title, Dataset<Row> frame) {
        System.out.println();
        System.out.println(title);
        // collect() runs this Dataset's own plan, whose scan then holds the metrics (show() would plan anew).
        System.out.println("  " + String.join(", ", frame.columns()));
        for (Row row : frame.collectAsList()) {
            System.out.println("  " + row.mkString(", "));
        }
        Map<String, Long> metrics = scanMetrics(frame);
        System.out.printf("  scan: %d files opened, %,d rows read, %,d rows returned, %,d rows shadowed by newer readings%n",
                metrics.get("deltaFilesOpened") + metrics.get("baseFilesOpened"), metrics.get("rowsRead"), metrics.get("rowsReturned"),
                metrics.get("rowsShadowed"));
    }

    /** The custom metrics of the query's azof scan, after it ran. */
    private static Map<String, Long> scanMetrics(Dataset<Row> frame) {
        Map<String, Long> values = new TreeMap<>();
        collect(frame.queryExecution().executedPlan(), values);
        return values;
    }

    private static void collect(SparkPlan plan, Map<String, Long> values) {
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            collect(adaptive.executedPlan(), values);
            return;
        }
        if (plan instanceof QueryStageExec stage) {
            collect(stage.plan(), values);
            return;
        }
        if (plan instanceof BatchScanExec scan) {
            scala.collection.Iterator<scala.Tuple2<String, SQLMetric>> metrics = scan.metrics().iterator();
            while (metrics.hasNext()) {
                scala.Tuple2<String, SQLMetric> metric = metrics.next();
                values.merge(metric._1(), metric._2().value(), Long::sum);
            }
        }
        scala.collection.Iterator<SparkPlan> children = plan.children().iterator();
        while (children.hasNext()) {
            collect(children.next(), values);
        }
    }
}
