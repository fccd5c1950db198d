package io.azof.benchmarks;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The history's three tables under one data directory: writing them, timed, and measuring them on disk. */
public final class BenchmarkTables {
    private final Path dataDir;

    public BenchmarkTables(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    public String path(TableFormat format) {
        return dataDir.resolve(format.directory).toString();
    }

    /** What writing the history cost: its rows, and the total time of each format's appends. */
    public record Written(long rows, Map<TableFormat, Long> writeNanos) {
    }

    /**
     * Writes each monthly append of the history to all three tables. An append is generated and cached in memory
     * first, so the timed writes measure writing, not generating; the order of the formats rotates from one append
     * to the next so that none always writes first (or last) after a generation.
     */
    public Written writeAll(SparkSession spark, HistoryGenerator generator, PrintStream progress) {
        int versions = generator.parameters().versions();
        int partitions = spark.sparkContext().defaultParallelism();
        List<TableFormat> order = new ArrayList<>(Arrays.asList(TableFormat.values()));
        Map<TableFormat, Long> writeNanos = new EnumMap<>(TableFormat.class);
        long rows = 0;
        for (int month = 1; month <= versions; month++) {
            Dataset<Row> append = generator.append(spark, month, partitions).cache();
            long appendRows = append.count();
            rows += appendRows;
            for (TableFormat format : order) {
                long start = System.nanoTime();
                write(format, append);
                writeNanos.merge(format, System.nanoTime() - start, Long::sum);
            }
            append.unpersist(true);
            Collections.rotate(order, 1);
            progress.printf("  append %d/%d written (%,d rows)%n", month, versions, appendRows);
        }
        return new Written(rows, writeNanos);
    }

    private void write(TableFormat format, Dataset<Row> append) {
        switch (format) {
            case AZOF -> append.write().format("azof").mode("append")
                    .option("segmentGranularity", "month")
                    .save(path(format));
            case PARQUET -> append.write().mode("append").parquet(path(format));
            case DELTA -> append.write().format("delta").mode("append").save(path(format));
        }
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
        Table table = azofTable();
        long version = table.latestSnapshot().version();
        while (version > 1 && CommitInfo.COMPACT.equals(table.snapshot(version).commit().operation())) {
            version--;
        }
        return version;
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

    /** Removes the three tables (and nothing else, should the data directory be one the user also uses). */
    public void deleteAll() {
        for (TableFormat format : TableFormat.values()) {
            Path table = Path.of(path(format));
            if (!Files.exists(table)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(table)) {
                for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
