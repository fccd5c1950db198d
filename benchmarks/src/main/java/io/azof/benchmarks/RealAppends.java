package io.azof.benchmarks;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.log.MetadataFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Part B of the metadata scenario: many small real appends of a {@link MinuteSeries} to azof (its default settings,
 * compaction after writes included, unless {@link AzofWriteOptions} say otherwise), Delta Lake and Apache Iceberg,
 * written as {@link BenchmarkTables} writes them. Each append of each format is timed; inside the
 * {@link AppendWindow}s the metadata files are listed before and after it, and every file that is new or changed
 * (size or modification time) counts with its whole size as written by it. The azof read of the current state is
 * timed after 50 appends (or all, when fewer) and after the last.
 *
 * <p>A format's metadata is what it writes beside its data files: for azof the table directory's own files
 * ({@code s<N>.json}, {@code version.txt}; not {@code data/}) and, in format version 3, {@code metadata/} (part manifests
 * and chunks), for Delta {@code _delta_log/} (commit JSON, its
 * {@code .crc} version checksums, checkpoints, {@code _last_checkpoint}), for Iceberg {@code metadata/}
 * ({@code v<N>.metadata.json}, manifest lists, manifests, {@code version-hint.text}). Hadoop's local checksum files
 * ({@code .name.crc}), which object stores do not have, are left out, as in the other scenarios' table sizes.
 */
final class RealAppends {
    /** The azof read is timed after this many appends, and after the last. */
    static final int EARLY_READ_AFTER = 50;

    private final SparkSession spark;
    private final PrintStream progress;

    RealAppends(SparkSession spark, PrintStream progress) {
        this.spark = spark;
        this.progress = progress;
    }

    /**
     * Writes the series into fresh tables under {@code dataDir} (any left there are deleted first) after
     * {@code warmUpWrites} untimed writes of its first append to scratch tables of each format, then reports.
     *
     * @param readRepetitions timed azof reads each time it is read, after one untimed
     */
    RealAppendsResult run(MinuteSeries series, Path dataDir, AzofWriteOptions azofWriteOptions, int warmUpWrites, int readRepetitions) {
        BenchmarkTables tables = new BenchmarkTables(dataDir);
        tables.deleteAll();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tables.icebergTable(spark); // this directory's catalog first, so that it gets the plain name
        if (warmUpWrites > 0) {
            progress.printf("Warming up: %d untimed writes of each format ...%n", warmUpWrites);
            tables.warmUp(spark, series.append(spark, 1), RealAppendsResult.FORMATS, azofWriteOptions, warmUpWrites);
        }
        List<AppendWindow> windows = AppendWindow.of(series.appends());
        Map<TableFormat, List<Long>> appendNanos = new EnumMap<>(TableFormat.class);
        Map<TableFormat, Map<Integer, Long>> metadataBytes = new EnumMap<>(TableFormat.class);
        for (TableFormat format : RealAppendsResult.FORMATS) {
            appendNanos.put(format, new ArrayList<>(series.appends()));
            metadataBytes.put(format, new TreeMap<>());
        }
        List<RealAppendsResult.AzofRead> reads = new ArrayList<>();
        int earlyRead = Math.min(EARLY_READ_AFTER, series.appends());
        List<TableFormat> order = new ArrayList<>(RealAppendsResult.FORMATS);
        int progressEvery = Math.max(1, (series.appends() + 19) / 20);
        progress.printf("Appending %s to azof, Delta Lake and Apache Iceberg in %s ...%n", series.describe(), dataDir);
        long loopStart = System.nanoTime();
        for (int a = 1; a <= series.appends(); a++) {
            int append = a;
            Dataset<Row> rows = series.append(spark, append);
            boolean measured = windows.stream().anyMatch(w -> w.contains(append));
            for (TableFormat format : order) {
                Map<Path, FileState> before = measured ? metadataFiles(tables, format) : Map.of();
                long start = System.nanoTime();
                tables.write(spark, format, rows, append == 1, azofWriteOptions);
                appendNanos.get(format).add(System.nanoTime() - start);
                if (measured) {
                    metadataBytes.get(format).put(append, bytesWritten(before, metadataFiles(tables, format)));
                }
            }
            // Rotate which format writes first, so that none always writes right after the generation.
            Collections.rotate(order, 1);
            if (append % progressEvery == 0 || append == series.appends()) {
                progress.printf("  append %d/%d written (%.0f s so far; appends total: %s)%n", append, series.appends(),
                        (System.nanoTime() - loopStart) / 1e9, String.join(", ", RealAppendsResult.FORMATS.stream()
                                .map(f -> String.format("%s %.1f s", f.label, appendNanos.get(f).stream().mapToLong(Long::longValue).sum() / 1e9))
                                .toList()));
            }
            if (append == earlyRead || append == series.appends()) {
                reads.add(timeAzofRead(tables, append, readRepetitions));
            }
        }
        Map<TableFormat, RealAppendsResult.MetadataOnDisk> atEnd = new EnumMap<>(TableFormat.class);
        for (TableFormat format : RealAppendsResult.FORMATS) {
            Map<Path, FileState> files = metadataFiles(tables, format);
            atEnd.put(format, new RealAppendsResult.MetadataOnDisk(files.size(), files.values().stream().mapToLong(FileState::size).sum()));
        }
        long azofVersions = Table.forPath(HadoopStorage.withDefaults(), tables.path(TableFormat.AZOF)).latestVersion();
        return new RealAppendsResult(series, windows, appendNanos, metadataBytes, reads, atEnd, azofVersions);
    }

    private RealAppendsResult.AzofRead timeAzofRead(BenchmarkTables tables, int afterAppends, int repetitions) {
        String path = tables.path(TableFormat.AZOF);
        long rows = spark.read().format("azof").load(path).count(); // untimed: the first read after writes loads its classes
        List<Long> nanos = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            long counted = spark.read().format("azof").load(path).count();
            nanos.add(System.nanoTime() - start);
            if (counted != rows) {
                throw new IllegalStateException("the azof table counted " + counted + " rows, then " + rows);
            }
        }
        progress.printf("  azof read after %d appends: %,d rows, median %,.0f ms%n", afterAppends, rows, Timings.median(nanos) / 1e6);
        return new RealAppendsResult.AzofRead(afterAppends, nanos, rows);
    }

    /** What identifies a version of a file: a rewrite changes its size or its modification time. */
    record FileState(long size, FileTime modified) {
    }

    /** The format's metadata files (see the class comment) and their states. */
    static Map<Path, FileState> metadataFiles(BenchmarkTables tables, TableFormat format) {
        Path table = Path.of(tables.path(format));
        return switch (format) {
            // azof's snapshots lie in the table directory itself, beside data/; format version 3's manifests in metadata/.
            case AZOF -> {
                Map<Path, FileState> files = new HashMap<>(files(table, 1));
                files.putAll(files(table.resolve(MetadataFiles.MANIFEST_DIRECTORY), 1));
                yield files;
            }
            case DELTA -> files(table.resolve("_delta_log"), Integer.MAX_VALUE);
            case ICEBERG -> files(table.resolve(BenchmarkTables.ICEBERG_NAME).resolve("metadata"), Integer.MAX_VALUE);
            case PARQUET, PARQUET_SORTED -> throw new IllegalArgumentException(format + " keeps no metadata");
        };
    }

    private static Map<Path, FileState> files(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return Map.of();
        }
        Map<Path, FileState> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            for (Path path : paths.toList()) {
                String name = path.getFileName().toString();
                // Hadoop's local checksums (.name.crc) and a write's temporary files (azof's _tmp.*) are no metadata.
                if (name.startsWith(".") && name.endsWith(".crc") || name.startsWith("_tmp.")) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // deleted since it was listed: a format's clean-up of old metadata
                }
                if (attributes.isRegularFile()) {
                    files.put(path, new FileState(attributes.size(), attributes.lastModifiedTime()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The bytes of every file that is new in {@code after}, or changed: what was written in between. */
    static long bytesWritten(Map<Path, FileState> before, Map<Path, FileState> after) {
        long bytes = 0;
        for (Map.Entry<Path, FileState> file : after.entrySet()) {
            if (!file.getValue().equals(before.get(file.getKey()))) {
                bytes += file.getValue().size();
            }
        }
        return bytes;
    }
}
