package io.azof.benchmarks;

import io.azof.core.metadata.TableDefinition;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The metadata scenario ({@code --scenario metadata}): how commit and planning costs grow with a table's size under
 * today's metadata layout (format version 2, where every snapshot lists every data file of every segment with its
 * statistics, and every write id ever committed). It is the "before" of a scalable layout: the same benchmark run on
 * that layout shows the "after". Two parts:
 * <ul>
 *   <li>A, synthetic planner scale ({@link SyntheticMeasurement}): tables of N files over V versions, metadata only,
 *       written with format-core's classes; times reading the latest snapshot, planning a whole-table and a one-key
 *       read, and a small real commit, size after size. No Spark.</li>
 *   <li>B, real appends ({@link RealAppends}): many small appends to azof, Delta Lake and Apache Iceberg through
 *       Spark; append latency and metadata bytes per append as the tables grow, and the azof read.</li>
 * </ul>
 * It prints one table ({@link MetadataResultTable}).
 */
public final class MetadataBenchmark {
    /** The parts a run runs ({@code --metadata-parts}); both by default. */
    public enum Part {
        SYNTHETIC, APPENDS
    }

    /**
     * @param syntheticSizes the synthetic tables of Part A, measured in this order (smallest first, so that a size that
     *                       runs out of heap stops the larger ones)
     * @param repetitions    timed repetitions of each Part A operation, and of each azof read in Part B
     * @param series         Part B's appends
     * @param dataDir        where the tables are written: Part B's directly (azof/, delta/, iceberg/), Part A's each in
     *                       a directory of its own, deleted once measured
     * @param warmUpWrites   Part B's untimed writes of each format before the timed ones
     * @param formatVersion  the azof format version both parts measure: 3 (the default; Part A upgrades its synthetic
     *                       tables in place) or 2
     */
    public record Settings(List<SyntheticTableParameters> syntheticSizes, int repetitions, MinuteSeries series, Path dataDir,
                           AzofWriteOptions azofWriteOptions, int warmUpWrites, List<Part> parts, int formatVersion) {
        public Settings {
            if (formatVersion != TableDefinition.LISTING_FORMAT && formatVersion != TableDefinition.MANIFEST_FORMAT) {
                throw new IllegalArgumentException("the metadata format version is 2 or 3, not " + formatVersion);
            }
            syntheticSizes = List.copyOf(syntheticSizes);
            parts = parts.stream().distinct().sorted().toList();
            if (repetitions < 1) {
                throw new IllegalArgumentException("need at least one repetition, got " + repetitions);
            }
            if (warmUpWrites < 0) {
                throw new IllegalArgumentException("need warm-up writes >= 0, got " + warmUpWrites);
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("at least one part must run");
            }
            if (parts.contains(Part.SYNTHETIC) && syntheticSizes.isEmpty()) {
                throw new IllegalArgumentException("the synthetic part needs at least one size");
            }
        }

        /**
         * Part A's named sizes, each with V = N/10 versions: the reference, 1,000 (the 100 versions goals are measured
         * against), 10,000, 100,000 and 1,000,000 files, and a
         * quick one, 1,000 and 10,000.
         */
        public static List<SyntheticTableParameters> syntheticPreset(Size size, long seed) {
            List<Long> files = switch (size) {
                case REFERENCE -> List.of(1_000L, 10_000L, 100_000L, 1_000_000L);
                case SMALL -> List.of(1_000L, 10_000L);
            };
            return files.stream().map(n -> SyntheticTableParameters.withDefaultVersions(n, seed)).toList();
        }

        /** Three: the median is then the middle run, and a million-file table's commits stay within minutes. */
        public static final int DEFAULT_REPETITIONS = 3;
    }

    private final PrintStream out;
    private final PrintStream progress;

    /** The table goes to {@code out}; what the run is doing meanwhile goes to {@code progress}. */
    public MetadataBenchmark(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    /**
     * What a run measured, and its exit code: always 0, since a size that ran out of heap is a result, which the table
     * reports.
     *
     * @param appends Part B's result, when it ran
     */
    public record Outcome(int exitCode, List<SyntheticResult> synthetic, Optional<RealAppendsResult> appends) {
    }

    /**
     * Runs the parts the settings ask for, Part A first, without Spark, so that it has the heap to itself; then starts
     * Spark with {@code startSpark} for Part B (and stops it), and prints the table.
     */
    public Outcome run(Settings settings, Supplier<SparkSession> startSpark) {
        List<SyntheticResult> synthetic = runSynthetic(settings, true);
        if (!settings.parts().contains(Part.APPENDS)) {
            new MetadataResultTable(settings, synthetic, Optional.empty(), Optional.empty()).print(out);
            return new Outcome(0, synthetic, Optional.empty());
        }
        SparkSession spark = startSpark.get();
        try {
            RealAppendsResult appends = runAppends(spark, settings);
            new MetadataResultTable(settings, synthetic, Optional.of(appends), Optional.of(spark)).print(out);
            return new Outcome(0, synthetic, Optional.of(appends));
        } finally {
            spark.stop();
        }
    }

    /** Part A, when the settings ask for it (else nothing), after an untimed warm-up when {@code warmUp}. */
    List<SyntheticResult> runSynthetic(Settings settings, boolean warmUp) {
        if (!settings.parts().contains(Part.SYNTHETIC)) {
            return List.of();
        }
        return new SyntheticMeasurement(progress, settings.formatVersion()).measureAll(settings.syntheticSizes(), settings.dataDir(), settings.repetitions(), warmUp);
    }

    /** Part B on {@code spark}. */
    RealAppendsResult runAppends(SparkSession spark, Settings settings) {
        AzofWriteOptions azof = settings.azofWriteOptions();
        if (settings.formatVersion() != TableDefinition.FORMAT_VERSION && !azof.options().containsKey(TableDefinition.FORMAT_VERSION_PROPERTY)) {
            // New tables are created at the default format: the other one is asked for, as a user would.
            Map<String, String> options = new HashMap<>(azof.options());
            options.put(TableDefinition.FORMAT_VERSION_PROPERTY, Integer.toString(settings.formatVersion()));
            azof = new AzofWriteOptions(options);
        }
        return new RealAppends(spark, progress).run(settings.series(), settings.dataDir(), azof,
                settings.warmUpWrites(), settings.repetitions());
    }
}
