package io.azof.benchmarks;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.TableHistory;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.FileRole;
import io.azof.core.plan.PlannedFile;
import io.azof.core.time.AsOf;
import io.azof.spark.AzofTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import scala.Option;

/** The history's tables under one data directory: writing them, timed, and measuring them on disk. */
public final class BenchmarkTables {
    /**
     * The Iceberg table's namespace and name in its Hadoop catalog, whose warehouse is the data directory: its files are
     * then under {@code iceberg/history/} there.
     */
    static final String ICEBERG_NAMESPACE = TableFormat.ICEBERG.directory;
    static final String ICEBERG_NAME = "history";
    private static final String ICEBERG_CATALOG = "iceberg_bench";
    /**
     * The Iceberg table's properties other than Iceberg's defaults. Iceberg's adaptive split size (on by default) sizes
     * read splits at the scan's bytes over the parallelism, at least 16 MB, where each file weighs at least its 4 MB
     * open cost: four small files per task, so 50 tasks for the 200 files of the small small-appends history where
     * Spark's Parquet reader makes 7, and about twice the read time in a check. Off, Iceberg packs splits to its 128 MB
     * target with the same 4 MB open cost as Spark's file sources: no needless tiny tasks, erring in Iceberg's favour.
     */
    static final Map<String, String> ICEBERG_TABLE_PROPERTIES = Map.of("read.split.adaptive-size.enabled", "false");

    private final Path dataDir;

    public BenchmarkTables(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** The directory of the format's table (for Iceberg, its catalog namespace's directory, which holds only the table). */
    public String path(TableFormat format) {
        return dataDir.resolve(format.directory).toString();
    }

    /**
     * The Iceberg table's name in Spark, {@code CATALOG.iceberg.history}: registers, on the first call for this data
     * directory in this session, an Iceberg Hadoop catalog whose warehouse is the data directory, configured as
     * Iceberg's Spark documentation configures one ({@code spark.sql.catalog.NAME = SparkCatalog}, {@code type = hadoop},
     * {@code warehouse}), with its defaults otherwise (e.g. its table cache). Spark loads a catalog on its first use,
     * so registering it at run time works; a session that met another data directory first gets another catalog name.
     */
    public String icebergTable(SparkSession spark) {
        return icebergCatalog(spark, dataDir.toUri().toString()) + "." + ICEBERG_NAMESPACE + "." + ICEBERG_NAME;
    }

    private static synchronized String icebergCatalog(SparkSession spark, String warehouse) {
        for (int n = 1; ; n++) {
            String name = n == 1 ? ICEBERG_CATALOG : ICEBERG_CATALOG + "_" + n;
            String prefix = "spark.sql.catalog." + name;
            Option<String> registered = spark.conf().getOption(prefix + ".warehouse");
            if (registered.isEmpty()) {
                spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
                spark.conf().set(prefix + ".type", "hadoop");
                spark.conf().set(prefix + ".warehouse", warehouse);
                return name;
            }
            if (registered.get().equals(warehouse)) {
                return name;
            }
        }
    }

    /** What writing the history cost: its rows, and the time of each format's write of each append, in append order. */
    public record Written(long rows, Map<TableFormat, List<Long>> appendNanos) {
    }

    /**
     * Writes each append of the history to every table. An append is generated and cached in memory first, so the
     * timed writes measure writing, not generating; the order of the formats rotates from one append to the next so
     * that none always writes first (or last) after a generation. Before the first, every format writes
     * {@code warmUpWrites} times to a scratch table, untimed ({@link #warmUp}). The azof writes pass
     * {@code azofWriteOptions} and nothing else: the azof table has its default settings unless they say otherwise.
     */
    public Written writeAll(SparkSession spark, History history, AzofWriteOptions azofWriteOptions, int warmUpWrites,
                            PrintStream progress) {
        int appends = history.appends();
        int partitions = spark.sparkContext().defaultParallelism();
        icebergTable(spark); // this directory's catalog first, so that it gets the plain name
        if (warmUpWrites > 0) {
            warmUp(spark, history, azofWriteOptions, warmUpWrites, partitions);
        }
        int progressEvery = Math.max(1, (appends + 19) / 20);
        List<TableFormat> order = new ArrayList<>(Arrays.asList(TableFormat.values()));
        Map<TableFormat, List<Long>> appendNanos = new EnumMap<>(TableFormat.class);
        for (TableFormat format : TableFormat.values()) {
            appendNanos.put(format, new ArrayList<>(appends));
        }
        long rows = 0;
        for (int a = 1; a <= appends; a++) {
            Dataset<Row> append = history.append(spark, a, partitions).cache();
            long appendRows = append.count();
            rows += appendRows;
            for (TableFormat format : order) {
                long start = System.nanoTime();
                write(spark, format, append, a == 1, azofWriteOptions);
                appendNanos.get(format).add(System.nanoTime() - start);
            }
            append.unpersist(true);
            Collections.rotate(order, 1);
            if (a % progressEvery == 0 || a == appends) {
                progress.printf("  append %d/%d written (%,d rows)%n", a, appends, appendRows);
            }
        }
        return new Written(rows, appendNanos);
    }

    /** Rows of the first append the warm-up writes: enough to run every step of a write, few enough to take no time. */
    static final int WARM_UP_ROWS = 1_000;
    /**
     * Writes of each format in the warm-up by default: one creating the table and ten appends, so that Delta also writes
     * its first checkpoint (every ten commits), which costs seconds more the first time in a JVM than afterwards.
     */
    public static final int DEFAULT_WARM_UP_WRITES = 11;
    static final String WARM_UP_DIRECTORY = "warm-up";

    /**
     * Writes the first {@link #WARM_UP_ROWS} rows of the first append {@code writes} times (creating, then
     * appending) to a scratch table of each format under {@code warm-up/}, untimed, and deletes them. A format's first
     * writes in a JVM load and initialise its classes (several seconds for Delta, and as much again for its first
     * checkpoint): the benchmark times writing, not that.
     */
    private void warmUp(SparkSession spark, History history, AzofWriteOptions azofWriteOptions, int writes, int partitions) {
        Dataset<Row> rows = history.append(spark, 1, partitions).limit(WARM_UP_ROWS).cache();
        rows.count();
        warmUp(spark, rows, List.of(TableFormat.values()), azofWriteOptions, writes);
        rows.unpersist(true);
    }

    /**
     * Writes {@code rows} {@code writes} times (creating, then appending) to a scratch table of each of {@code formats}
     * under {@code warm-up/}, untimed, and deletes them: a format's first writes in a JVM load and initialise its classes.
     */
    void warmUp(SparkSession spark, Dataset<Row> rows, List<TableFormat> formats, AzofWriteOptions azofWriteOptions, int writes) {
        BenchmarkTables scratch = new BenchmarkTables(dataDir.resolve(WARM_UP_DIRECTORY));
        scratch.deleteAll(); // left over by a run that stopped here
        for (TableFormat format : formats) {
            for (int write = 0; write < writes; write++) {
                scratch.write(spark, format, rows, write == 0, azofWriteOptions);
            }
        }
        scratch.deleteAll();
        try {
            Files.deleteIfExists(scratch.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends {@code append} to the format's table as a user of that format would ({@code first}: the Iceberg table is
     * created by it); the azof write passes {@code azofWriteOptions} and nothing else.
     */
    void write(SparkSession spark, TableFormat format, Dataset<Row> append, boolean first, AzofWriteOptions azofWriteOptions) {
        switch (format) {
            case AZOF -> append.write().format("azof").mode("append").options(azofWriteOptions.options()).save(path(format));
            case PARQUET -> append.write().mode("append").parquet(path(format));
            // As many tasks as the cluster runs at once, as azof's writes use.
            case PARQUET_SORTED -> clusteredByKey(append, spark.sparkContext().defaultParallelism()).write().mode("append")
                    .parquet(path(format));
            case DELTA -> append.write().format("delta").mode("append").save(path(format));
            case ICEBERG -> {
                // As Iceberg's documentation writes with Spark 3: the first append creates the table (with Iceberg's
                // default properties but ICEBERG_TABLE_PROPERTIES), the others append to it.
                DataFrameWriterV2<Row> writer = append.writeTo(icebergTable(spark));
                if (first) {
                    ICEBERG_TABLE_PROPERTIES.forEach(writer::tableProperty);
                    writer.create();
                } else {
                    try {
                        writer.append();
                    } catch (NoSuchTableException e) {
                        throw new IllegalStateException("the Iceberg table the first append created is gone", e);
                    }
                }
            }
        }
    }

    /** {@link TableFormat#PARQUET_SORTED}'s rows: in {@code tasks} partitions by key hash, each sorted by key and event time. */
    static Dataset<Row> clusteredByKey(Dataset<Row> rows, int tasks) {
        return rows.repartition(tasks, rows.col("key")).sortWithinPartitions("key", "event_time");
    }

    /** What compacting the azof table cost and did. */
    public record Compacted(long nanos, CompactionResult result) {
    }

    /**
     * Compacts the azof table with the default policy, as a user would after loading a history: a new version
     * whose bases let late as-of times merge fewer files. The version before stays readable for comparison.
     */
    public Compacted compactAzof(SparkSession spark) {
        long start = System.nanoTime();
        CompactionResult result = AzofTable.forPath(spark, path(TableFormat.AZOF)).compactAndReport(CompactionPolicy.defaults());
        return new Compacted(System.nanoTime() - start, result);
    }

    /** The azof table's version before compaction: the latest that the appends (not a compaction) committed. */
    public long writtenVersion() {
        return writtenVersions(azofTable().history()).get(0).version();
    }

    /** How many of the azof table's versions up to {@link #writtenVersion()} are compactions the appends triggered. */
    public long compactionsAfterWrites() {
        return writtenVersions(azofTable().history()).stream().filter(BenchmarkTables::isCompaction).count();
    }

    /** The history (newest first) from the latest version the appends committed on: compactions after it dropped. */
    private static List<TableHistory.VersionInfo> writtenVersions(List<TableHistory.VersionInfo> newestFirst) {
        int latestWrite = 0;
        while (latestWrite < newestFirst.size() - 1 && isCompaction(newestFirst.get(latestWrite))) {
            latestWrite++;
        }
        return newestFirst.subList(latestWrite, newestFirst.size());
    }

    private static boolean isCompaction(TableHistory.VersionInfo version) {
        return CommitInfo.COMPACT.equals(version.operation());
    }

    /** What an azof read as of T at a version opens, from the planner: base files, delta files, and the rows they hold. */
    public record FilesPerRead(int bases, int deltas, long rows) {
    }

    public FilesPerRead filesPerRead(long version, Instant asOf) {
        List<PlannedFile> files = azofTable().newScan().atVersion(version).asOf(AsOf.eventTime(asOf)).planSingleTask().files();
        int bases = (int) files.stream().filter(f -> f.role() == FileRole.BASE).count();
        return new FilesPerRead(bases, files.size() - bases, files.stream().mapToLong(f -> f.stats().rows()).sum());
    }

    public long latestAzofVersion() {
        return azofTable().latestSnapshot().version();
    }

    private Table azofTable() {
        return Table.forPath(HadoopStorage.withDefaults(), path(TableFormat.AZOF));
    }

    /**
     * Files and bytes of a table, without Hadoop's local {@code .crc} checksum files, which object stores do not
     * have, and without Spark's empty {@code _SUCCESS} markers.
     */
    public record Footprint(long files, long bytes) {
    }

    public Footprint footprint(TableFormat format) {
        try (Stream<Path> paths = Files.walk(Path.of(path(format)))) {
            List<Path> files = paths.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".crc") && !p.getFileName().toString().equals("_SUCCESS"))
                    .toList();
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            return new Footprint(files.size(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the tables (and nothing else, should the data directory be one the user also uses). */
    public void deleteAll() {
        for (TableFormat format : TableFormat.values()) {
            deleteTree(Path.of(path(format)));
        }
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
