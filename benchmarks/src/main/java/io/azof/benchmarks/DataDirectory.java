package io.azof.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * A data directory holding a generated history, reused between runs: generating the reference size takes
 * minutes. A {@code history.properties} file, written only once all three tables are complete, records what
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
     * A history in this directory: its row count, its write times and when they were measured, and what compacting
     * the azof table afterwards took (nanoseconds) and wrote (base files, their rows).
     */
    public record StoredHistory(long rows, Map<TableFormat, Long> writeNanos, Instant generatedAt, boolean generatedNow,
                                long compactNanos, long basesWritten, long baseRows) {
    }

    /** The history with these parameters: the stored one unless {@code regenerate}, else newly written. */
    public StoredHistory prepare(SparkSession spark, HistoryParameters parameters, boolean regenerate, PrintStream progress) {
        Optional<StoredHistory> stored = regenerate ? Optional.empty() : stored(parameters);
        if (stored.isPresent()) {
            progress.printf("Reusing the history in %s (--regenerate writes it again).%n", root);
            return stored.get();
        }
        progress.printf("Generating %,d keys x %d versions into %s ...%n", parameters.keys(), parameters.versions(), root);
        try {
            Files.deleteIfExists(root.resolve(MARKER));
            tables.deleteAll();
            Files.createDirectories(root);
            BenchmarkTables.Written written = tables.writeAll(spark, new HistoryGenerator(parameters), progress);
            progress.println("Compacting the azof table ...");
            BenchmarkTables.Compacted compacted = tables.compactAzof(spark);
            StoredHistory history = new StoredHistory(written.rows(), written.writeNanos(), Instant.now(), true, compacted.nanos(),
                    compacted.result().basesWritten(), compacted.result().rowsWritten());
            record(parameters, history);
            return history;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<StoredHistory> stored(HistoryParameters parameters) {
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
        if (!sameIdentity(identity(parameters), properties)) {
            return Optional.empty();
        }
        Map<TableFormat, Long> writeNanos = new EnumMap<>(TableFormat.class);
        for (TableFormat format : TableFormat.values()) {
            writeNanos.put(format, Long.parseLong(properties.getProperty("writeNanos." + format.directory)));
        }
        return Optional.of(new StoredHistory(Long.parseLong(properties.getProperty("rows")), writeNanos,
                Instant.parse(properties.getProperty("generatedAt")), false, Long.parseLong(properties.getProperty("compactNanos")),
                Long.parseLong(properties.getProperty("basesWritten")), Long.parseLong(properties.getProperty("baseRows"))));
    }

    private void record(HistoryParameters parameters, StoredHistory history) throws IOException {
        Properties properties = identity(parameters);
        properties.setProperty("rows", Long.toString(history.rows()));
        properties.setProperty("generatedAt", history.generatedAt().toString());
        history.writeNanos().forEach((format, nanos) -> properties.setProperty("writeNanos." + format.directory, Long.toString(nanos)));
        properties.setProperty("compactNanos", Long.toString(history.compactNanos()));
        properties.setProperty("basesWritten", Long.toString(history.basesWritten()));
        properties.setProperty("baseRows", Long.toString(history.baseRows()));
        try (Writer writer = Files.newBufferedWriter(root.resolve(MARKER))) {
            properties.store(writer, "azof benchmark history: reused while these parameters match");
        }
    }

    /** Everything the generated rows depend on. */
    private static Properties identity(HistoryParameters parameters) {
        Properties properties = new Properties();
        properties.setProperty("keys", Long.toString(parameters.keys()));
        properties.setProperty("versions", Integer.toString(parameters.versions()));
        properties.setProperty("seed", Long.toString(parameters.seed()));
        properties.setProperty("skipPercent", Integer.toString(HistoryGenerator.SKIP_PERCENT));
        properties.setProperty("formulaVersion", Integer.toString(HistoryGenerator.FORMULA_VERSION));
        // Histories written before compaction existed have no compacted version: generate them again.
        properties.setProperty("compaction", "default-policy");
        return properties;
    }

    private static boolean sameIdentity(Properties expected, Properties stored) {
        return expected.stringPropertyNames().stream()
                .allMatch(name -> expected.getProperty(name).equals(stored.getProperty(name)));
    }
}
