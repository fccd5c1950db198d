package io.azof.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark's command line; benchmarks/README.md tells how Maven runs it. */
@Command(name = "azof-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times the azof as-of read against a row_number() window over flat Parquet and over Delta Lake, "
                + "and against a plain filtered scan, on one generated history; prints a table.",
                "Exits 1 if the as-of methods return different answers."})
public final class BenchmarkMain implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "small|reference",
            description = "Preset history size: reference = 1,000,000 keys x 12 versions, small = 20,000 x 12 (default: ${DEFAULT-VALUE}).")
    HistoryParameters.Size size = HistoryParameters.Size.REFERENCE;

    @Option(names = "--keys", description = "Number of keys, overriding the preset.")
    Long keys;

    @Option(names = "--versions", description = "Number of monthly appends, overriding the preset.")
    Integer versions;

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

    @Option(names = "--data-dir",
            description = "Where the history's tables are kept (default: target/bench-data/KEYSxVERSIONS-seedSEED).")
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
        Benchmark.Settings settings = settings();
        SparkSession spark = BenchmarkSpark.start(master, shufflePartitions);
        try {
            return new Benchmark(spark, System.out, System.err).run(settings).exitCode();
        } finally {
            spark.stop();
        }
    }

    Benchmark.Settings settings() {
        HistoryParameters history = new HistoryParameters(keys != null ? keys : size.keys,
                versions != null ? versions : size.versions, seed);
        Path dir = dataDir != null ? dataDir
                : Path.of("target", "bench-data", history.keys() + "x" + history.versions() + "-seed" + history.seed());
        return new Benchmark.Settings(history, dir, regenerate, methods, warmupRounds, rounds);
    }
}
