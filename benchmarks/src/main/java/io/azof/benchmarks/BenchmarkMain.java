package io.azof.benchmarks;

import io.azof.core.metadata.TableDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The benchmark's command line; benchmarks/README.md tells how Maven runs it. */
@Command(name = "azof-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times the azof as-of read against a row_number() window over flat Parquet, Delta Lake and Apache Iceberg, "
                + "and against a plain filtered scan, on one generated history; times the writes of the history; prints a table.",
                "Exits 1 if the as-of methods return different answers.",
                "--scenario metadata instead times how commits and plans grow with a table's metadata (see benchmarks/README.md)."})
public final class BenchmarkMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "monthly|small-appends|metadata", converter = Scenario.Converter.class,
            description = "monthly: one row per key per month in a few large appends (default); small-appends: many small "
                    + "appends of recurring keys with late rows; metadata: commit and planning costs as the metadata grows.")
    Scenario scenario = Scenario.MONTHLY;

    @Option(names = "--size", paramLabel = "small|reference",
            description = "Preset size (default: ${DEFAULT-VALUE}). monthly: reference = 1,000,000 keys x 12 versions, small = "
                    + "20,000 x 12. small-appends: reference = 500 appends x 2,000 rows over 100,000 keys, small = 100 x 2,000 "
                    + "over 20,000. metadata: reference = synthetic tables of 10,000, 100,000 and 1,000,000 files and 2,000 "
                    + "real appends of 100 rows, small = 1,000 and 10,000 files and 200 appends of 100 rows.")
    Size size = Size.REFERENCE;

    @Option(names = "--keys", description = "Number of keys, overriding the preset.")
    Long keys;

    @Option(names = "--versions", description = "monthly: number of monthly appends, overriding the preset.")
    Integer versions;

    @Option(names = "--appends", description = "small-appends, metadata: number of appends, overriding the preset.")
    Integer appends;

    @Option(names = "--rows-per-append", description = "small-appends, metadata: rows of each append, overriding the preset.")
    Integer rowsPerAppend;

    @Option(names = "--files", split = ",", paramLabel = "N",
            description = "metadata: the synthetic tables' file counts, comma-separated, smallest first, overriding the preset.")
    List<Long> files;

    @Option(names = "--metadata-versions", split = ",", paramLabel = "V",
            description = "metadata: the synthetic tables' versions (and write ids): one for every size, or one per --files "
                    + "size (default: a tenth of the files).")
    List<Long> metadataVersions;

    @Option(names = "--repetitions",
            description = "metadata: timed repetitions of each synthetic-table operation and azof read (default: "
                    + MetadataBenchmark.Settings.DEFAULT_REPETITIONS + ").")
    Integer repetitions;

    @Option(names = "--metadata-parts", split = ",", paramLabel = "PART",
            description = "metadata: the parts to run, comma-separated, of ${COMPLETION-CANDIDATES} (default: both).")
    List<MetadataBenchmark.Part> metadataParts;

    @Option(names = "--metadata-format", paramLabel = "VERSION",
            description = "metadata: the azof format version to measure, 2 or 3 (default: ${DEFAULT-VALUE}).")
    int metadataFormat = TableDefinition.FORMAT_VERSION;

    @Option(names = "--seed", description = "Seed of the generated values (default: ${DEFAULT-VALUE}).")
    long seed = HistoryParameters.DEFAULT_SEED;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            description = "Methods to run, comma-separated, of ${COMPLETION-CANDIDATES} (default: all). "
                    + "'--methods azof' is the memory check.")
    List<Method> methods = List.of(Method.values());

    @Option(names = "--rounds", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--warmup-rounds", description = "Untimed rounds before them (default: ${DEFAULT-VALUE}).")
    int warmupRounds = 1;

    @Option(names = "--write-warmups",
            description = "Untimed writes of each format to a scratch table before the timed ones (default: ${DEFAULT-VALUE}: "
                    + "one creating it and ten appends, past Delta's first checkpoint).")
    int warmUpWrites = BenchmarkTables.DEFAULT_WARM_UP_WRITES;

    @Option(names = "--azof-option", paramLabel = "NAME=VALUE",
            description = "An option every azof write passes (repeatable; default: none, the table's default settings), "
                    + "e.g. autoCompact=false. The data directory's default name says which.")
    Map<String, String> azofOptions = new LinkedHashMap<>();

    @Option(names = "--data-dir",
            description = "Where the history's tables are kept (default: target/bench-data/ and a name made of the scenario's "
                    + "parameters, e.g. 20000x12-seed42, small-appends-100x2000-keys20000-seed42 or metadata-2000x100-seed42).")
    Path dataDir;

    @Option(names = "--regenerate", description = "Write the history again even if the data directory already holds it.")
    boolean regenerate;

    @Option(names = "--master", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master = BenchmarkSpark.DEFAULT_MASTER;

    @Option(names = "--shuffle-partitions", description = "spark.sql.shuffle.partitions (default: ${DEFAULT-VALUE}).")
    int shufflePartitions = BenchmarkSpark.DEFAULT_SHUFFLE_PARTITIONS;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new BenchmarkMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        if (scenario == Scenario.METADATA) {
            // Spark starts only for the real appends, after the synthetic tables have had the heap to themselves.
            return new MetadataBenchmark(System.out, System.err).run(metadataSettings(), () -> BenchmarkSpark.start(master, shufflePartitions))
                    .exitCode();
        }
        Benchmark.Settings settings = settings();
        SparkSession spark = BenchmarkSpark.start(master, shufflePartitions);
        try {
            return new Benchmark(spark, System.out, System.err).run(settings).exitCode();
        } finally {
            spark.stop();
        }
    }

    Benchmark.Settings settings() {
        History history = history();
        AzofWriteOptions azofWriteOptions = new AzofWriteOptions(azofOptions);
        Path dir = dataDir != null ? dataDir
                : Path.of("target", "bench-data", history.directoryName() + azofWriteOptions.directorySuffix());
        return new Benchmark.Settings(history, dir, regenerate, methods, warmupRounds, rounds, azofWriteOptions, warmUpWrites);
    }

    /** The metadata scenario's settings: presets by {@code --size}, overridden by its own options. */
    MetadataBenchmark.Settings metadataSettings() {
        try {
            if (scenario != Scenario.METADATA) {
                throw new IllegalStateException("the " + scenario + " scenario has a history: use settings()");
            }
            rejectOptionsOfOtherScenarios(keys != null || versions != null, "--keys or --versions");
            rejectOptionsOfOtherScenarios(given("--methods") || given("--rounds") || given("--warmup-rounds") || given("--regenerate"),
                    "--methods, --rounds, --warmup-rounds or --regenerate (it always writes its tables, and times with --repetitions)");
            List<Long> fileCounts = files != null ? files
                    : MetadataBenchmark.Settings.syntheticPreset(size, seed).stream().map(SyntheticTableParameters::files).toList();
            List<SyntheticTableParameters> sizes = syntheticSizes(fileCounts, metadataVersions);
            MinuteSeries preset = MinuteSeries.preset(size, seed);
            MinuteSeries series = new MinuteSeries(appends != null ? appends : preset.appends(),
                    rowsPerAppend != null ? rowsPerAppend : preset.rowsPerAppend(), seed);
            AzofWriteOptions azofWriteOptions = new AzofWriteOptions(azofOptions);
            Path dir = dataDir != null ? dataDir : Path.of("target", "bench-data", series.directoryName() + azofWriteOptions.directorySuffix());
            return new MetadataBenchmark.Settings(sizes, repetitions != null ? repetitions : MetadataBenchmark.Settings.DEFAULT_REPETITIONS,
                    series, dir, azofWriteOptions, warmUpWrites,
                    metadataParts != null ? metadataParts : List.of(MetadataBenchmark.Part.values()), metadataFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The sizes of {@code --files}, with {@code --metadata-versions}: none (a tenth of the files), one for all, or one each. */
    private List<SyntheticTableParameters> syntheticSizes(List<Long> fileCounts, List<Long> versionCounts) {
        if (versionCounts != null && versionCounts.size() != 1 && versionCounts.size() != fileCounts.size()) {
            throw new IllegalArgumentException("--metadata-versions takes one value for every size or one per size of --files ("
                    + fileCounts.size() + "), got " + versionCounts.size());
        }
        List<SyntheticTableParameters> sizes = new ArrayList<>();
        for (int i = 0; i < fileCounts.size(); i++) {
            long n = fileCounts.get(i);
            sizes.add(versionCounts == null ? SyntheticTableParameters.withDefaultVersions(n, seed)
                    : new SyntheticTableParameters(n, versionCounts.get(versionCounts.size() == 1 ? 0 : i), seed));
        }
        return sizes;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private History history() {
        try {
            return switch (scenario) {
                case MONTHLY -> {
                    rejectOptionsOfOtherScenarios(appends != null || rowsPerAppend != null, "--appends and --rows-per-append");
                    rejectMetadataOptions();
                    HistoryParameters preset = HistoryParameters.preset(size, seed);
                    yield new HistoryGenerator(new HistoryParameters(keys != null ? keys : preset.keys(),
                            versions != null ? versions : preset.versions(), seed));
                }
                case SMALL_APPENDS -> {
                    rejectOptionsOfOtherScenarios(versions != null, "--versions");
                    rejectMetadataOptions();
                    SmallAppendsParameters preset = SmallAppendsParameters.preset(size, seed);
                    yield new SmallAppendsGenerator(new SmallAppendsParameters(appends != null ? appends : preset.appends(),
                            rowsPerAppend != null ? rowsPerAppend : preset.rowsPerAppend(), keys != null ? keys : preset.keys(), seed));
                }
                case METADATA -> throw new IllegalStateException("the metadata scenario writes no history: use metadataSettings()");
            };
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void rejectMetadataOptions() {
        rejectOptionsOfOtherScenarios(files != null || metadataVersions != null || repetitions != null || metadataParts != null,
                "--files, --metadata-versions, --repetitions or --metadata-parts");
    }

    private void rejectOptionsOfOtherScenarios(boolean given, String options) {
        if (given) {
            throw new IllegalArgumentException("the " + scenario + " scenario takes no " + options);
        }
    }
}
