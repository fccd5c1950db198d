package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of the benchmark that need no Spark: options, as-of times, medians, answer comparison. */
class BenchmarkPartsTest {
    @Test
    void sizePresetsAndOverrides() {
        assertThat(settings("--size", "reference").history()).isEqualTo(new HistoryParameters(1_000_000, 12, 42));
        assertThat(settings("--size", "SMALL").history()).isEqualTo(new HistoryParameters(20_000, 12, 42));
        assertThat(settings("--size", "small", "--keys", "500", "--seed", "7").history()).isEqualTo(new HistoryParameters(500, 12, 7));
        assertThat(settings("--keys", "2000", "--versions", "4").dataDir()).isEqualTo(Path.of("target", "bench-data", "2000x4-seed42"));
    }

    @Test
    void methodsDefaultToAllAndKeepTheirOrder() {
        assertThat(settings().methods()).containsExactly(Method.values());
        assertThat(settings("--methods", "scan,azof").methods()).containsExactly(Method.AZOF, Method.SCAN);
        assertThat(settings("--methods", "azof").methods()).containsExactly(Method.AZOF);
    }

    @Test
    void asOfTimesAreMidMarchMidJuneAndTheEndOfTheHistory() {
        assertThat(Benchmark.asOfTimes(12)).containsExactly(
                Instant.parse("2024-03-15T00:00:00Z"), Instant.parse("2024-06-15T00:00:00Z"), Instant.parse("2024-12-31T23:59:59Z"));
        assertThat(Benchmark.asOfTimes(4)).containsExactly(
                Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-02-15T00:00:00Z"), Instant.parse("2024-04-30T23:59:59Z"));
        assertThat(Benchmark.asOfTimes(1)).containsExactly(Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-01-31T23:59:59Z"));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Timings.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
        assertThat(Timings.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2.5);
    }

    @Test
    void answersMatchExactlyOnIntegersAndWithinRoundingOnPrices() {
        Answer answer = new Answer(1_000_000, 5_000_000_000.25, 500_000_500);
        assertThat(answer.matches(new Answer(1_000_000, 5_000_000_000.25 + 1e-3, 500_000_500))).isTrue();
        assertThat(answer.matches(new Answer(1_000_000, 5_000_000_000.25 + 0.01 * 1000, 500_000_500))).isFalse();
        assertThat(answer.matches(new Answer(1_000_000, 5_000_000_000.25, 500_000_501))).isFalse();
        assertThat(answer.matches(new Answer(999_999, 5_000_000_000.25, 500_000_500))).isFalse();
    }

    @Test
    void answerCheckReportsAsOfMethodsThatDisagreeButNotTheScan() {
        Instant asOf = Instant.parse("2024-03-15T00:00:00Z");
        AnswerCheck check = new AnswerCheck();
        check.add(Method.AZOF, asOf, new Answer(10, 1.5, 20));
        check.add(Method.WINDOW, asOf, new Answer(10, 1.5, 20));
        check.add(Method.SCAN, asOf, new Answer(30, 4.5, 60));
        check.compareMethods();
        assertThat(check.mismatches()).isEmpty();

        check.add(Method.DELTA, asOf, new Answer(11, 1.5, 20));
        check.compareMethods();
        assertThat(check.mismatches()).singleElement().asString().contains("window / Delta", "rows=11");
    }

    private static Benchmark.Settings settings(String... args) {
        BenchmarkMain main = new BenchmarkMain();
        new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return main.settings();
    }
}
