package io.azof.benchmarks;

import io.azof.core.metadata.TableDefinition;
import io.delta.tables.DeltaTable;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.iceberg.IcebergBuild;
import org.apache.spark.sql.SparkSession;

/** Prints what the metadata scenario measured, on what, as plain text. */
final class MetadataResultTable {
    private final MetadataBenchmark.Settings settings;
    private final List<SyntheticResult> synthetic;
    private final Optional<RealAppendsResult> appends;
    private final Optional<SparkSession> spark;

    MetadataResultTable(MetadataBenchmark.Settings settings, List<SyntheticResult> synthetic, Optional<RealAppendsResult> appends,
                        Optional<SparkSession> spark) {
        this.settings = settings;
        this.synthetic = synthetic;
        this.appends = appends;
        this.spark = spark;
    }

    void print(PrintStream out) {
        out.println();
        out.println(settings.formatVersion() == TableDefinition.LISTING_FORMAT
                ? "azof metadata benchmark: metadata scenario, format version 2 (every snapshot lists every data file and every write id)"
                : "azof metadata benchmark: metadata scenario, format version 3 (a root per version naming shared manifests per segment and bucket)");
        if (settings.parts().contains(MetadataBenchmark.Part.SYNTHETIC)) {
            line(out, "synthetic", String.format("%d daily segments (2024) x %d buckets, merged runs over keys k0000000-k%07d, autoCompact off; "
                    + "files x versions: %s", SyntheticTable.DAYS, SyntheticTable.BUCKETS, SyntheticTable.KEYS - 1,
                    String.join(", ", settings.syntheticSizes().stream().map(s -> String.format("%,d x %,d", s.files(), s.versions())).toList())));
        }
        if (settings.parts().contains(MetadataBenchmark.Part.APPENDS)) {
            line(out, "appends", settings.series().describe());
        }
        line(out, "data", settings.dataDir().toAbsolutePath().toString());
        spark.ifPresent(session -> {
            line(out, "Spark", String.format("%s, master %s", session.version(), session.sparkContext().master()));
            line(out, "formats", String.format("Delta Lake %s, Apache Iceberg %s (Hadoop catalog, %s)",
                    DeltaTable.class.getPackage().getImplementationVersion(), IcebergBuild.version(), BenchmarkTables.ICEBERG_TABLE_PROPERTIES));
            line(out, "azof", settings.azofWriteOptions().isDefault() ? "Part B writes with no options: the table's default settings"
                    : "every Part B write passes " + settings.azofWriteOptions().describe());
        });
        line(out, "JVM", String.format("Java %s, %s (max heap %.1f GiB)", System.getProperty("java.version"), xmx(),
                SyntheticMeasurement.maxHeapGiB()));
        List<String> timing = new ArrayList<>();
        if (settings.parts().contains(MetadataBenchmark.Part.SYNTHETIC)) {
            timing.add(String.format("Part A: median of %d repetition(s), after an untimed warm-up on a %,d-file table",
                    settings.repetitions(), SyntheticMeasurement.WARM_UP.files()));
        }
        if (settings.parts().contains(MetadataBenchmark.Part.APPENDS)) {
            timing.add(String.format("Part B: each append once, after %d untimed write(s) of each format; medians over windows of %d "
                    + "appends", settings.warmUpWrites(), AppendWindow.SIZE));
        }
        line(out, "timing", String.join("; ", timing));
        if (!synthetic.isEmpty()) {
            printSynthetic(out);
        }
        appends.ifPresent(result -> printAppends(out, result));
    }

    private static void line(PrintStream out, String label, String text) {
        out.printf("  %-9s %s%n", label, text);
    }

    private void printSynthetic(PrintStream out) {
        out.println();
        out.printf("Part A: synthetic tables, format-core's Table API (no Spark); plans as of %s, one key = '%s'; an append is %d rows%n",
                SyntheticTable.asOfNow(), SyntheticTable.probeKey(), SyntheticMeasurement.APPEND_ROWS);
        TextTable table = new TextTable().row("files", "versions", "s<V>.json (v2)", "parsed in heap", "upgrade to v3", "read snapshot",
                "plan whole table", "files planned", "plan one key", "files planned", "cached", "append + commit", "metadata written", "size took");
        for (SyntheticResult result : synthetic) {
            table.row(String.format("%,d", result.parameters().files()), String.format("%,d", result.parameters().versions()),
                    mib(result.snapshotBytes()), mib(result.parsedSnapshotBytes()),
                    millis(result.medianMillis(SyntheticResult.Operation.UPGRADE)),
                    millis(result.medianMillis(SyntheticResult.Operation.READ_SNAPSHOT)),
                    millis(result.medianMillis(SyntheticResult.Operation.PLAN_WHOLE_TABLE)),
                    count(result.wholePlanFiles()),
                    millis(result.medianMillis(SyntheticResult.Operation.PLAN_ONE_KEY)),
                    count(result.keyPlanFiles()),
                    millis(result.medianMillis(SyntheticResult.Operation.PLAN_ONE_KEY_CACHED)),
                    millis(result.medianMillis(SyntheticResult.Operation.APPEND)),
                    result.appendSnapshotBytes() < 0 ? "-" : String.format("%,.1f KiB", result.appendSnapshotBytes() / 1024.0),
                    result.elapsedNanos() > 0 ? String.format("%.0f s", result.elapsedNanos() / 1e9) : "-");
        }
        table.print(out, "  ");
        for (SyntheticResult result : synthetic) {
            result.stopped().ifPresent(reason -> out.printf("  %,d files: %s%n", result.parameters().files(), reason));
        }
        out.println("  (each table is written as format version 2, s<V>.json listing every file; at format version 3 it is then upgraded in");
        out.println("   place by Table.newFormatUpgrade(), one commit writing every part's manifest. read snapshot: v2 Table.latestSnapshot(),");
        out.println("   v3 Table.head(latest), the root; plans: newScan().asOf(T)[.filter(key = ...)].planTasks(), reading what each needs,");
        out.println("   each with this JVM's cache of parsed manifests emptied first; cached: the one-key plan again with it kept (v3);");
        out.println("   append + commit: newAppend().writeId(id).rows(...).commit(), one data file per bucket; metadata written: its s<N>.json");
        out.println("   and, in v3, its manifests and chunks; parsed in heap: used heap after a full GC with format version 2's parsed");
        out.println("   snapshot held, minus without it)");
    }

    private void printAppends(PrintStream out, RealAppendsResult result) {
        out.println();
        out.printf("Part B: %s%n", result.series().describe());
        out.println("Append latency: median milliseconds of the appends in each window, and the total of all appends (with every");
        out.println("checkpoint, manifest merge and compaction after writes they ran)");
        TextTable latency = new TextTable();
        List<String> header = new ArrayList<>(List.of("format / appends"));
        result.windows().forEach(w -> header.add(w.toString()));
        List<String> latencyHeader = new ArrayList<>(header);
        latencyHeader.add("all: total");
        latency.row(latencyHeader.toArray(String[]::new));
        for (TableFormat format : RealAppendsResult.FORMATS) {
            List<String> row = new ArrayList<>(List.of(format.label));
            result.windows().forEach(w -> row.add(String.format("%,.0f", result.medianMillis(format, w))));
            row.add(String.format("%,.1f s", result.totalNanos(format) / 1e9));
            latency.row(row.toArray(String[]::new));
        }
        latency.print(out, "  ");

        out.println();
        out.println("Metadata written per append: KiB, mean over the window's appends (every metadata file an append created or rewrote, whole)");
        TextTable bytes = new TextTable().row(header.toArray(String[]::new));
        for (TableFormat format : RealAppendsResult.FORMATS) {
            List<String> row = new ArrayList<>(List.of(format.label));
            result.windows().forEach(w -> row.add(kib(result.meanMetadataBytes(format, w))));
            bytes.row(row.toArray(String[]::new));
        }
        bytes.print(out, "  ");
        out.println("  (azof: s<N>.json, version.txt and, at format version 3, every file in metadata/ (manifests, chunks), any compaction's");
        out.println("   included; Delta: _delta_log/ commit JSON, .crc, checkpoints, _last_checkpoint; Iceberg: metadata/ v<N>.metadata.json,");
        out.println("   manifest lists, manifests, version-hint.text)");

        out.println();
        out.printf("Metadata on disk after %,d appends%n", result.series().appends());
        TextTable onDisk = new TextTable().row("format", "files", "size");
        for (TableFormat format : RealAppendsResult.FORMATS) {
            RealAppendsResult.MetadataOnDisk files = result.metadataAtEnd().get(format);
            onDisk.row(format.label, String.format("%,d", files.files()), String.format("%.1f MiB", files.bytes() / (double) (1 << 20)));
        }
        onDisk.print(out, "  ");
        out.printf("  azof: %,d versions, %,d of them compactions after writes%n", result.azofVersions(),
                result.azofVersions() - result.series().appends());

        out.println();
        out.printf("azof read: spark.read.format(\"azof\").load(path).count(), median of %d after an untimed one%n", settings.repetitions());
        TextTable reads = new TextTable().row("after appends", "rows", "median ms");
        for (RealAppendsResult.AzofRead read : result.azofReads()) {
            reads.row(String.format("%,d", read.afterAppends()), String.format("%,d", read.rows()), String.format("%,.0f", read.medianMillis()));
        }
        reads.print(out, "  ");
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format("%,.1f MiB", bytes / (double) (1 << 20));
    }

    private static String kib(OptionalDouble bytes) {
        return bytes.isPresent() ? String.format("%,.1f", bytes.getAsDouble() / 1024) : "-";
    }

    private static String millis(OptionalDouble millis) {
        return millis.isPresent() ? String.format("%,.0f ms", millis.getAsDouble()) : "-";
    }

    private static String count(int count) {
        return count < 0 ? "-" : String.format("%,d", count);
    }

    /** The -Xmx the JVM was started with. */
    private static String xmx() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-Xmx"))
                .reduce((first, last) -> last)
                .orElse("no -Xmx");
    }
}
