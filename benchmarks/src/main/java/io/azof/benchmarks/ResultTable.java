package io.azof.benchmarks;

import io.delta.tables.DeltaTable;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.iceberg.IcebergBuild;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Prints what was measured, on what, and the medians and ratios, as plain text. */
final class ResultTable {
    /** The read ratios printed, as (numerator, denominator): > 1 means the denominator is faster, except x/scan. */
    private static final List<Method[]> RATIOS = List.of(
            new Method[] {Method.WINDOW, Method.AZOF}, new Method[] {Method.DELTA, Method.AZOF},
            new Method[] {Method.ICEBERG, Method.AZOF}, new Method[] {Method.AZOF, Method.SCAN},
            new Method[] {Method.WINDOW, Method.AZOF_COMPACTED}, new Method[] {Method.DELTA, Method.AZOF_COMPACTED},
            new Method[] {Method.ICEBERG, Method.AZOF_COMPACTED}, new Method[] {Method.AZOF_COMPACTED, Method.SCAN});
    /** The Iceberg table properties the header shows: the benchmark's own, and Iceberg's defaults that differ from the others'. */
    private static final List<String> ICEBERG_PROPERTIES = List.of("format-version", "write.parquet.compression-codec",
            "read.split.adaptive-size.enabled");

    private final SparkSession spark;
    private final Benchmark.Settings settings;
    private final DataDirectory dataDir;
    private final DataDirectory.StoredHistory history;
    private final List<Instant> asOfTimes;
    private final Timings timings;
    private final AnswerCheck answers;

    ResultTable(SparkSession spark, Benchmark.Settings settings, DataDirectory dataDir, DataDirectory.StoredHistory history,
                List<Instant> asOfTimes, Timings timings, AnswerCheck answers) {
        this.spark = spark;
        this.settings = settings;
        this.dataDir = dataDir;
        this.history = history;
        this.asOfTimes = asOfTimes;
        this.timings = timings;
        this.answers = answers;
    }

    void print(PrintStream out) {
        History generated = settings.history();
        out.println();
        out.printf("azof as-of read benchmark: %s scenario%n", generated.scenario());
        line(out, "history", String.format("%s = %,d rows: %s", generated.size(), history.rows(), generated.shape()));
        line(out, "data", dataDir.root().toString());
        line(out, "Spark", String.format("%s, master %s, spark.sql.shuffle.partitions=%s", spark.version(),
                spark.sparkContext().master(), spark.conf().get("spark.sql.shuffle.partitions")));
        line(out, "Delta", String.format("Delta Lake %s, spark.databricks.delta.snapshotPartitions=%s",
                DeltaTable.class.getPackage().getImplementationVersion(), spark.conf().get("spark.databricks.delta.snapshotPartitions")));
        line(out, "Iceberg", String.format("Apache Iceberg %s, Hadoop catalog table %s, %s (else Iceberg's defaults)", IcebergBuild.version(),
                dataDir.tables().icebergTable(spark), icebergProperties()));
        line(out, "azof", settings.azofWriteOptions().isDefault() ? "writes with no options: the table's default settings"
                : "every write passes " + settings.azofWriteOptions().describe());
        line(out, "JVM", String.format("Java %s, %s (max heap %.1f GiB)", System.getProperty("java.version"), xmx(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
        line(out, "timing", String.format("median of %d timed rounds after %d warm-up round(s); the methods alternate "
                + "within each round", settings.rounds(), settings.warmupRounds()));
        printTables(out);
        printReads(out);
        printAnswers(out);
    }

    private static void line(PrintStream out, String label, String text) {
        out.printf("  %-8s %s%n", label, text);
    }

    private String icebergProperties() {
        Map<String, String> properties = new TreeMap<>();
        for (Row row : spark.sql("SHOW TBLPROPERTIES " + dataDir.tables().icebergTable(spark)).collectAsList()) {
            if (ICEBERG_PROPERTIES.contains(row.getString(0))) {
                properties.put(row.getString(0), row.getString(1));
            }
        }
        return "table properties " + String.join(", ", properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private void printTables(PrintStream out) {
        out.println();
        out.printf("Tables (writes: the %,d appends, each timed: their total, and the median and 90th percentile of one append%s)%n",
                settings.history().appends(), history.generatedNow() ? ""
                        : "; measured when the history was generated at " + history.generatedAt() + ", --regenerate measures again");
        TextTable table = new TextTable().row("table", "files", "size on disk", "writes total", "vs Parquet",
                "append median", "vs Parquet", "append p90", "vs Parquet");
        WriteTimes parquet = WriteTimes.of(history.appendNanos(TableFormat.PARQUET));
        for (TableFormat format : TableFormat.values()) {
            BenchmarkTables.Footprint footprint = dataDir.tables().footprint(format);
            WriteTimes times = WriteTimes.of(history.appendNanos(format));
            table.row(format.label, String.format("%,d", footprint.files()), String.format("%.1f MiB", footprint.bytes() / (double) (1 << 20)),
                    String.format("%.1f s", times.totalNanos() / 1e9), ratio(times.totalNanos(), parquet.totalNanos()),
                    String.format("%,.0f ms", times.medianNanos() / 1e6), ratio(times.medianNanos(), parquet.medianNanos()),
                    String.format("%,.0f ms", times.p90Nanos() / 1e6), ratio(times.p90Nanos(), parquet.p90Nanos()));
        }
        table.print(out, "  ");
        out.printf("  azof compaction (default policy, after the appends): %.1f s, %,d base files holding %,d rows%n",
                history.compactNanos() / 1e9, history.basesWritten(), history.baseRows());
    }

    /** A format's write times: the total of its appends, and the median and 90th percentile (nearest rank) of one. */
    record WriteTimes(long totalNanos, double medianNanos, double p90Nanos) {
        static WriteTimes of(List<Long> appendNanos) {
            return new WriteTimes(appendNanos.stream().mapToLong(Long::longValue).sum(), Timings.median(appendNanos),
                    Timings.percentile(appendNanos, 90));
        }
    }

    private static String ratio(double numerator, double denominator) {
        return String.format("%.2f", numerator / denominator);
    }

    private void printReads(PrintStream out) {
        out.println();
        out.println("Reads: count(*), sum(price), sum(qty) as of T; median milliseconds");
        TextTable medians = new TextTable();
        List<String> header = new ArrayList<>(List.of("as of T"));
        settings.methods().forEach(m -> header.add(m.label));
        medians.row(header.toArray(String[]::new));
        for (Instant asOf : asOfTimes) {
            List<String> row = new ArrayList<>(List.of(asOf.toString()));
            for (Method method : settings.methods()) {
                row.add(String.format("%,.0f", timings.medianMillis(method, asOf).orElseThrow()));
            }
            medians.row(row.toArray(String[]::new));
        }
        medians.print(out, "  ");

        out.println();
        out.println("Read ratios (of the medians; x/azof > 1: azof is faster than x; azof/scan close to 1: azof costs little "
                + "more than reading the rows at all)");
        TextTable ratios = new TextTable();
        List<String> ratioHeader = new ArrayList<>(List.of("as of T"));
        RATIOS.forEach(r -> ratioHeader.add(shortName(r[0]) + "/" + shortName(r[1])));
        ratios.row(ratioHeader.toArray(String[]::new));
        for (Instant asOf : asOfTimes) {
            List<String> row = new ArrayList<>(List.of(asOf.toString()));
            RATIOS.forEach(r -> row.add(ratio(r[0], r[1], asOf)));
            ratios.row(row.toArray(String[]::new));
        }
        ratios.print(out, "  ");
        if (settings.history().scenario() == Scenario.MONTHLY) {
            out.println("  (acceptance targets, at the reference size: window/azof >= 2.5, delta/azof >= 2.5, azof/scan <= 1.6;");
            out.println("   'azof' reads the version before compaction, 'compacted' the latest)");
        } else {
            out.println("  ('azof' reads the version before compaction, 'compacted' the latest)");
        }
        printFilesPerRead(out);
    }

    private static String shortName(Method method) {
        return switch (method) {
            case AZOF -> "azof";
            case AZOF_COMPACTED -> "compacted";
            case WINDOW -> "window";
            case DELTA -> "delta";
            case ICEBERG -> "iceberg";
            case SCAN -> "scan";
        };
    }

    /** What the azof reads open per T before and after compaction, from the planner (all buckets together). */
    private void printFilesPerRead(PrintStream out) {
        BenchmarkTables tables = dataDir.tables();
        long before = tables.writtenVersion();
        long after = tables.latestAzofVersion();
        out.println();
        out.printf("azof files per read: what the planner opens as of T at version %d (before compaction; %d of the versions"
                + " are compactions after writes) and %d (after)%n", before, tables.compactionsAfterWrites(), after);
        TextTable table = new TextTable().row("as of T", "files before", "rows in them", "files after (base+delta)", "rows in them");
        for (Instant asOf : asOfTimes) {
            BenchmarkTables.FilesPerRead old = tables.filesPerRead(before, asOf);
            BenchmarkTables.FilesPerRead compacted = tables.filesPerRead(after, asOf);
            table.row(asOf.toString(), String.format("%,d", old.bases() + old.deltas()), String.format("%,d", old.rows()),
                    String.format("%,d (%d+%d)", compacted.bases() + compacted.deltas(), compacted.bases(), compacted.deltas()),
                    String.format("%,d", compacted.rows()));
        }
        table.print(out, "  ");
    }

    private String ratio(Method numerator, Method denominator, Instant asOf) {
        OptionalDouble top = timings.medianMillis(numerator, asOf);
        OptionalDouble bottom = timings.medianMillis(denominator, asOf);
        return top.isPresent() && bottom.isPresent() ? String.format("%.2f", top.getAsDouble() / bottom.getAsDouble()) : "-";
    }

    private void printAnswers(PrintStream out) {
        out.println();
        out.println("Answers (checked: every as-of method that ran returned the same at each T, on every round)");
        TextTable table = new TextTable().row("as of T", "as-of rows", "sum(price)", "sum(qty)", "scan rows");
        for (Instant asOf : asOfTimes) {
            Optional<Answer> asOfAnswer = settings.methods().stream().filter(m -> m.asOf).findFirst()
                    .flatMap(m -> answers.answer(m, asOf));
            Optional<Answer> scan = answers.answer(Method.SCAN, asOf);
            table.row(asOf.toString(),
                    asOfAnswer.map(a -> String.format("%,d", a.rows())).orElse("-"),
                    asOfAnswer.map(a -> String.format("%,.2f", a.priceSum())).orElse("-"),
                    asOfAnswer.map(a -> String.format("%,d", a.qtySum())).orElse("-"),
                    scan.map(a -> String.format("%,d", a.rows())).orElse("-"));
        }
        table.print(out, "  ");
    }

    /** The -Xmx the JVM was started with, which is what the 1 GB memory check sets. */
    private static String xmx() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-Xmx"))
                .reduce((first, last) -> last)
                .orElse("no -Xmx");
    }
}
