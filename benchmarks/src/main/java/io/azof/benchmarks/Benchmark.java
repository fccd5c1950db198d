package io.azof.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One benchmark run: prepare the history, run every method at every as-of time round after round, check that
 * the as-of methods agree, and print the table.
 */
public final class Benchmark {
    /**
     * @param history           the scenario's history, with its parameters
     * @param methods           the methods to run (all by default; only azof for the memory check)
     * @param warmupRounds      rounds run and checked but not timed: they load classes, JIT-compile and warm caches
     * @param rounds            timed rounds; the table reports medians over them
     * @param azofWriteOptions  what every azof write passes ({@link AzofWriteOptions#TABLE_DEFAULTS}: nothing)
     * @param warmUpWrites      untimed writes of each format to a scratch table before the history's timed ones
     *                          ({@link BenchmarkTables#DEFAULT_WARM_UP_WRITES}; tests, which time nothing, take fewer)
     */
    public record Settings(History history, Path dataDir, boolean regenerate, List<Method> methods,
                           int warmupRounds, int rounds, AzofWriteOptions azofWriteOptions, int warmUpWrites) {
        /** With the azof table's default settings and the default write warm-up. */
        public Settings(History history, Path dataDir, boolean regenerate, List<Method> methods, int warmupRounds, int rounds) {
            this(history, dataDir, regenerate, methods, warmupRounds, rounds, AzofWriteOptions.TABLE_DEFAULTS,
                    BenchmarkTables.DEFAULT_WARM_UP_WRITES);
        }

        public Settings {
            // In the enum's order, once each: the table's columns keep one layout whatever the command line said.
            methods = methods.stream().distinct().sorted().toList();
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("at least one method must run");
            }
            if (warmupRounds < 0 || rounds < 1) {
                throw new IllegalArgumentException("need warm-up rounds >= 0 and rounds >= 1, got " + warmupRounds + " and " + rounds);
            }
            if (warmUpWrites < 0) {
                throw new IllegalArgumentException("need warm-up writes >= 0, got " + warmUpWrites);
            }
        }
    }

    private final SparkSession spark;
    private final PrintStream out;
    private final PrintStream progress;

    /** The table goes to {@code out}; what the run is doing meanwhile goes to {@code progress}. */
    public Benchmark(SparkSession spark, PrintStream out, PrintStream progress) {
        this.spark = spark;
        this.out = out;
        this.progress = progress;
    }

    /**
     * How a run ended: {@code exitCode} 0, or 1 when the as-of methods disagree (the table is then not printed),
     * and the answers each method returned.
     */
    public record Outcome(int exitCode, AnswerCheck answers) {
    }

    public Outcome run(Settings settings) {
        DataDirectory dataDir = new DataDirectory(settings.dataDir());
        DataDirectory.StoredHistory history = dataDir.prepare(spark, settings.history(), settings.azofWriteOptions(),
                settings.warmUpWrites(), settings.regenerate(), progress);
        AsOfQueries queries = new AsOfQueries(spark, dataDir.tables());
        List<Instant> asOfTimes = settings.history().asOfTimes();
        Timings timings = new Timings();
        AnswerCheck answers = new AnswerCheck();

        List<Method> order = new ArrayList<>(settings.methods());
        int totalRounds = settings.warmupRounds() + settings.rounds();
        for (int round = 0; round < totalRounds; round++) {
            boolean timed = round >= settings.warmupRounds();
            progress.printf("Round %d/%d%s ...%n", round + 1, totalRounds, timed ? "" : " (warm-up)");
            for (Instant asOf : asOfTimes) {
                for (Method method : order) {
                    long start = System.nanoTime();
                    Answer answer = queries.run(method, asOf);
                    long elapsed = System.nanoTime() - start;
                    answers.add(method, asOf, answer);
                    if (timed) {
                        timings.add(method, asOf, elapsed);
                    }
                }
            }
            if (round == 0) {
                answers.compareMethods();
            }
            if (!answers.mismatches().isEmpty()) {
                out.println("The methods' answers differ, so their timings would not compare the same work:");
                answers.mismatches().forEach(m -> out.println("  " + m));
                return new Outcome(1, answers);
            }
            // Alternate which method goes first, so none always runs right after the same other one.
            Collections.rotate(order, 1);
        }
        new ResultTable(spark, settings, dataDir, history, asOfTimes, timings, answers).print(out);
        return new Outcome(0, answers);
    }
}
