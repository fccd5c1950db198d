package io.azof.benchmarks;

import io.delta.tables.DeltaTable;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.SparkSession;

/** Prints what was measured, on what, and the medians and ratios, as plain text. */
final class ResultTable {
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
        HistoryParameters parameters = settings.history();
        out.println();
        out.println("azof as-of read benchmark");
        line(out, "history", String.format("%,d keys x %d versions = %,d rows: %d monthly appends from 2024-01, "
                        + "%d%% of (key, month) skipped, seed %d", parameters.keys(), parameters.versions(), history.rows(),
                parameters.versions(), HistoryGenerator.SKIP_PERCENT, parameters.seed()));
        line(out, "data", dataDir.root().toString());
        line(out, "Spark", String.format("%s, master %s, spark.sql.shuffle.partitions=%s", spark.version(),
                spark.sparkContext().master(), spark.conf().get("spark.sql.shuffle.partitions")));
        line(out, "Delta", String.format("Delta Lake %s, spark.databricks.delta.snapshotPartitions=%s",
                DeltaTable.class.getPackage().getImplementationVersion(), spark.conf().get("spark.databricks.delta.snapshotPartitions")));
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

    private void printTables(PrintStream out) {
        out.println();
        out.printf("Tables (write time: the %d appends in total%s)%n", settings.history().versions(), history.generatedNow()
                ? "" : ", measured when the history was generated at " + history.generatedAt() + "; --regenerate measures again");
        TextTable table = new TextTable().row("table", "files", "size on disk", "write time", "write vs Parquet");
        long parquetNanos = history.writeNanos().get(TableFormat.PARQUET);
        for (TableFormat format : TableFormat.values()) {
            BenchmarkTables.Footprint footprint = dataDir.tables().footprint(format);
            long nanos = history.writeNanos().get(format);
            table.row(format.label, String.format("%,d", footprint.files()), String.format("%.1f MiB", footprint.bytes() / (double) (1 << 20)),
                    String.format("%.1f s", nanos / 1e9), String.format("%.2f", nanos / (double) parquetNanos));
        }
        table.print(out, "  ");
        out.printf("  azof compaction (default policy, after the appends): %.1f s, %,d base files holding %,d rows%n",
                history.compactNanos() / 1e9, history.basesWritten(), history.baseRows());
    }

    private void printReads(PrintStream out) {
        out.println();
        out.println("Reads: count(*), sum(price), sum(qty) as of T; median milliseconds, and ratios of medians");
        TextTable table = new TextTable();
        List<String> header = new ArrayList<>(List.of("as of T"));
        settings.methods().forEach(m -> header.add(m.label));
        header.addAll(List.of("window/azof", "delta/azof", "azof/scan", "window/compacted", "delta/compacted", "compacted/scan"));
        table.row(header.toArray(String[]::new));
        for (Instant asOf : asOfTimes) {
            List<String> row = new ArrayList<>(List.of(asOf.toString()));
            for (Method method : settings.methods()) {
                row.add(String.format("%,.0f", timings.medianMillis(method, asOf).orElseThrow()));
            }
            row.add(ratio(Method.WINDOW, Method.AZOF, asOf));
            row.add(ratio(Method.DELTA, Method.AZOF, asOf));
            row.add(ratio(Method.AZOF, Method.SCAN, asOf));
            row.add(ratio(Method.WINDOW, Method.AZOF_COMPACTED, asOf));
            row.add(ratio(Method.DELTA, Method.AZOF_COMPACTED, asOf));
            row.add(ratio(Method.AZOF_COMPACTED, Method.SCAN, asOf));
            table.row(row.toArray(String[]::new));
        }
        table.print(out, "  ");
        out.println("  (acceptance targets: window/azof >= 2.5, delta/azof >= 2.5, azof/scan <= 1.6;"
                + " 'azof' reads the version before compaction, 'compacted' the latest)");
        printFilesPerRead(out);
    }

    /** What the azof reads open per T before and after compaction, from the planner (all buckets together). */
    private void printFilesPerRead(PrintStream out) {
        BenchmarkTables tables = dataDir.tables();
        long before = tables.writtenVersion();
        long after = tables.latestAzofVersion();
        out.println();
        out.printf("azof files per read: version %d (before compaction) and %d (after)%n", before, after);
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
