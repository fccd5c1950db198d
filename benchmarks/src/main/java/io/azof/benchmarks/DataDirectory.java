package io.azof.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * A data directory holding a generated history, reused between runs: generating the reference sizes takes
 * minutes. A {@code history.properties} file, written only once all tables are complete, records what
 * was generated and what writing it cost, so a later run with the same parameters can skip generation and
 * still report those write times.
 */
public final class DataDirectory {
    private static final String MARKER = "history.properties";

    private final Path root;
    private final BenchmarkTables tables;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath();
        this.tables = new BenchmarkTables(this.root);
    }

    public Path root() {
        return root;
    }

    public BenchmarkTables tables() {
        return tables;
    }

    /**
     * A history in this directory: its row count, the time of each format's write of each append and when they were
     * measured, and what compacting the azof table afterwards took (nanoseconds) and wrote (base files, their rows).
     */
    public record StoredHistory(long rows, Map<TableFormat, List<Long>> appendNanos, Instant generatedAt, boolean generatedNow,
                                long compactNanos, long basesWritten, long baseRows) {
        /** The format's per-append write times, in append order. */
        public List<Long> appendNanos(TableFormat format) {
            return appendNanos.get(format);
        }
    }

    /**
     * The history with these parameters, azof write options and write warm-up: the stored one unless {@code regenerate},
     * else newly written (every table, with its writes timed after {@code warmUpWrites} untimed writes of each format to a
     * scratch table) and the azof table then compacted.
     */
    public StoredHistory prepare(SparkSession spark, History history, AzofWriteOptions azofWriteOptions, int warmUpWrites,
                                 boolean regenerate, PrintStream progress) {
        Properties identity = identity(history, azofWriteOptions, warmUpWrites);
        Optional<StoredHistory> stored = regenerate ? Optional.empty() : stored(identity);
        if (stored.isPresent()) {
            progress.printf("Reusing the history in %s (--regenerate writes it again).%n", root);
            return stored.get();
        }
        progress.printf("Generating %s (%s) into %s ...%n", history.size(), history.scenario(), root);
        try {
            Files.deleteIfExists(root.resolve(MARKER));
            tables.deleteAll();
            Files.createDirectories(root);
            BenchmarkTables.Written written = tables.writeAll(spark, history, azofWriteOptions, warmUpWrites, progress);
            progress.println("Compacting the azof table ...");
            BenchmarkTables.Compacted compacted = tables.compactAzof(spark);
            StoredHistory generated = new StoredHistory(written.rows(), written.appendNanos(), Instant.now(), true, compacted.nanos(),
                    compacted.result().basesWritten(), compacted.result().rowsWritten());
            record(identity, generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<StoredHistory> stored(Properties identity) {
        Path marker = root.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(marker)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!sameIdentity(identity, properties)) {
            return Optional.empty();
        }
        Map<TableFormat, List<Long>> appendNanos = new EnumMap<>(TableFormat.class);
        for (TableFormat format : TableFormat.values()) {
            appendNanos.put(format, Arrays.stream(properties.getProperty("appendNanos." + format.directory).split(","))
                    .map(Long::valueOf).toList());
        }
        return Optional.of(new StoredHistory(Long.parseLong(properties.getProperty("rows")), appendNanos,
                Instant.parse(properties.getProperty("generatedAt")), false, Long.parseLong(properties.getProperty("compactNanos")),
                Long.parseLong(properties.getProperty("basesWritten")), Long.parseLong(properties.getProperty("baseRows"))));
    }

    private void record(Properties identity, StoredHistory history) throws IOException {
        Properties properties = new Properties();
        properties.putAll(identity);
        properties.setProperty("rows", Long.toString(history.rows()));
        properties.setProperty("generatedAt", history.generatedAt().toString());
        history.appendNanos().forEach((format, nanos) -> properties.setProperty("appendNanos." + format.directory,
                nanos.stream().map(String::valueOf).collect(Collectors.joining(","))));
        properties.setProperty("compactNanos", Long.toString(history.compactNanos()));
        properties.setProperty("basesWritten", Long.toString(history.basesWritten()));
        properties.setProperty("baseRows", Long.toString(history.baseRows()));
        try (Writer writer = Files.newBufferedWriter(root.resolve(MARKER))) {
            properties.store(writer, "azof benchmark history: reused while these parameters match");
        }
    }

    /** Everything the tables depend on: the generated rows, the formats written, and the azof write options. */
    private static Properties identity(History history, AzofWriteOptions azofWriteOptions, int warmUpWrites) {
        Properties properties = new Properties();
        properties.putAll(history.identity());
        // Histories written before Iceberg was benchmarked, or with per-append times not kept, are generated again.
        properties.setProperty("formats", Arrays.stream(TableFormat.values()).map(f -> f.directory).collect(Collectors.joining(",")));
        properties.setProperty("azofWriteOptions", azofWriteOptions.describe());
        properties.setProperty("icebergTableProperties", new TreeMap<>(BenchmarkTables.ICEBERG_TABLE_PROPERTIES).toString());
        // Write times measured after another warm-up would not compare: measure them again.
        properties.setProperty("writeWarmUp", warmUpWrites + "x" + BenchmarkTables.WARM_UP_ROWS);
        // Histories written before compaction existed have no compacted version: generate them again.
        properties.setProperty("compaction", "default-policy");
        return properties;
    }

    private static boolean sameIdentity(Properties expected, Properties stored) {
        return expected.stringPropertyNames().stream()
                .allMatch(name -> expected.getProperty(name).equals(stored.getProperty(name)));
    }
}
