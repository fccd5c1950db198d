package io.azof.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * One benchmark run: prepare the history, run every method at every as-of time round after round, check that
 * the as-of methods agree, and print the table.
 */
public final class Benchmark {
    /**
     * @param methods       the methods to run (all by default; only azof for the memory check)
     * @param warmupRounds  rounds run and checked but not timed: they load classes, JIT-compile and warm caches
     * @param rounds        timed rounds; the table reports medians over them
     */
    public record Settings(HistoryParameters history, Path dataDir, boolean regenerate, List<Method> methods,
                           int warmupRounds, int rounds) {
        public Settings {
            // In the enum's order, once each: the table's columns keep one layout whatever the command line said.
            methods = methods.stream().distinct().sorted().toList();
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("at least one method must run");
            }
            if (warmupRounds < 0 || rounds < 1) {
                throw new IllegalArgumentException("need warm-up rounds >= 0 and rounds >= 1, got " + warmupRounds + " and " + rounds);
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
        DataDirectory.StoredHistory history = dataDir.prepare(spark, settings.history(), settings.regenerate(), progress);
        AsOfQueries queries = new AsOfQueries(spark, dataDir.tables());
        List<Instant> asOfTimes = asOfTimes(settings.history().versions());
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

    /**
     * The as-of times read: the middle of the month a quarter and half-way into the history (March 15th and
     * June 15th of 12 versions), and the last second of the last month, where every version counts.
     */
    public static List<Instant> asOfTimes(int versions) {
        Set<Instant> times = new LinkedHashSet<>();
        for (int month : new int[] {ceilDiv(versions, 4), ceilDiv(versions, 2)}) {
            times.add(HistoryGenerator.monthStart(month).plus(Duration.ofDays(14)));
        }
        times.add(HistoryGenerator.monthStart(versions + 1).minusSeconds(1));
        return List.copyOf(times);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
