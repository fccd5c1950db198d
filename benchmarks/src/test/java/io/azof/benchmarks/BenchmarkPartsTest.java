package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of the benchmark that need no Spark: options, histories' definitions, as-of times, statistics, answer comparison. */
class BenchmarkPartsTest {
    @Test
    void sizePresetsAndOverrides() {
        assertThat(monthly(settings("--size", "reference"))).isEqualTo(new HistoryParameters(1_000_000, 12, 42));
        assertThat(monthly(settings("--size", "SMALL"))).isEqualTo(new HistoryParameters(20_000, 12, 42));
        assertThat(monthly(settings("--size", "small", "--keys", "500", "--seed", "7"))).isEqualTo(new HistoryParameters(500, 12, 7));
        assertThat(settings("--keys", "2000", "--versions", "4").dataDir()).isEqualTo(Path.of("target", "bench-data", "2000x4-seed42"));
        assertThat(settings().history().scenario()).isEqualTo(Scenario.MONTHLY);
    }

    @Test
    void smallAppendsPresetsAndOverrides() {
        assertThat(smallAppends(settings("--scenario", "small-appends"))).isEqualTo(new SmallAppendsParameters(500, 2_000, 100_000, 42));
        assertThat(smallAppends(settings("--scenario", "SMALL_APPENDS", "--size", "small")))
                .isEqualTo(new SmallAppendsParameters(100, 2_000, 20_000, 42));
        Benchmark.Settings overridden = settings("--scenario", "small-appends", "--size", "small", "--appends", "30",
                "--rows-per-append", "300", "--keys", "1000", "--seed", "7");
        assertThat(smallAppends(overridden)).isEqualTo(new SmallAppendsParameters(30, 300, 1_000, 7));
        assertThat(overridden.dataDir()).isEqualTo(Path.of("target", "bench-data", "small-appends-30x300-keys1000-seed7"));
        assertThat(SmallAppendsParameters.preset(Size.REFERENCE, 42).rows()).isEqualTo(1_000_000);
    }

    @Test
    void optionsOfAnotherScenarioOrImpossibleSizesAreRefused() {
        assertThatThrownBy(() -> settings("--scenario", "small-appends", "--versions", "3"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--versions");
        assertThatThrownBy(() -> settings("--appends", "3")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--appends");
        assertThatThrownBy(() -> settings("--scenario", "small-appends", "--rows-per-append", "500", "--keys", "100"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("keys must be at least");
        assertThatThrownBy(() -> settings("--scenario", "hourly")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void azofWriteOptionsDefaultToNoneAndNameTheDataDirectoryOtherwise() {
        assertThat(settings().azofWriteOptions()).isEqualTo(AzofWriteOptions.TABLE_DEFAULTS);
        assertThat(settings().azofWriteOptions().options()).isEmpty();
        Benchmark.Settings off = settings("--size", "small", "--azof-option", "autoCompact=false", "--azof-option", "buckets=8");
        assertThat(off.azofWriteOptions().options()).containsExactly(Map.entry("autoCompact", "false"), Map.entry("buckets", "8"));
        assertThat(off.azofWriteOptions().describe()).isEqualTo("autoCompact=false,buckets=8");
        assertThat(off.dataDir()).isEqualTo(Path.of("target", "bench-data", "20000x12-seed42-azof-autoCompact=false,buckets=8"));
    }

    @Test
    void writeWarmUpDefaultsToElevenWritesAndCanBeTurnedOff() {
        assertThat(settings().warmUpWrites()).isEqualTo(11);
        assertThat(settings("--write-warmups", "0").warmUpWrites()).isZero();
        assertThatThrownBy(() -> settings("--write-warmups", "-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void methodsDefaultToAllAndKeepTheirOrder() {
        assertThat(settings().methods()).containsExactly(Method.values());
        assertThat(settings("--methods", "scan,azof").methods()).containsExactly(Method.AZOF, Method.SCAN);
        assertThat(settings("--methods", "azof").methods()).containsExactly(Method.AZOF);
        assertThat(settings("--methods", "iceberg,delta").methods()).containsExactly(Method.DELTA, Method.ICEBERG);
    }

    @Test
    void asOfTimesAreMidMarchMidJuneAndTheEndOfTheHistory() {
        assertThat(HistoryGenerator.asOfTimes(12)).containsExactly(
                Instant.parse("2024-03-15T00:00:00Z"), Instant.parse("2024-06-15T00:00:00Z"), Instant.parse("2024-12-31T23:59:59Z"));
        assertThat(HistoryGenerator.asOfTimes(4)).containsExactly(
                Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-02-15T00:00:00Z"), Instant.parse("2024-04-30T23:59:59Z"));
        assertThat(HistoryGenerator.asOfTimes(1)).containsExactly(Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-01-31T23:59:59Z"));
    }

    @Test
    void smallAppendsAsOfTimesAreTheNowsOfTheAppendsAQuarterHalfWayAndAtTheEnd() {
        assertThat(new SmallAppendsGenerator(SmallAppendsParameters.preset(Size.REFERENCE, 42)).asOfTimes()).containsExactly(
                Instant.parse("2024-05-05T00:00:00Z"), Instant.parse("2024-09-07T00:00:00Z"), Instant.parse("2025-05-15T00:00:00Z"));
        assertThat(new SmallAppendsGenerator(new SmallAppendsParameters(1, 10, 10, 42)).asOfTimes())
                .containsExactly(Instant.parse("2024-01-02T00:00:00Z"));
    }

    /**
     * The small-appends history at the small preset (200,000 rows), from its Java definition: each append's keys are
     * different, keys recur across appends, about 5% of rows are late by up to 30 days, the others fall in the day
     * before their append, an event time's microseconds are its append's number, and no key has two rows at one time.
     */
    @Test
    void smallAppendsHistoryHasRecurringKeysAFewLateRowsAndNoTies() {
        SmallAppendsParameters parameters = SmallAppendsParameters.preset(Size.SMALL, 42);
        SmallAppendsGenerator generator = new SmallAppendsGenerator(parameters);
        Map<Long, Integer> appendsPerKey = new HashMap<>();
        Set<String> keyTimes = new HashSet<>();
        long late = 0;
        for (int append = 1; append <= parameters.appends(); append++) {
            Instant now = SmallAppendsGenerator.now(append);
            Set<Long> keys = new HashSet<>();
            for (long row = 0; row < parameters.rowsPerAppend(); row++) {
                long key = generator.keyIndex(append, row);
                assertThat(key).isBetween(0L, parameters.keys() - 1);
                assertThat(keys.add(key)).as("key %d twice in append %d", key, append).isTrue();
                appendsPerKey.merge(key, 1, Integer::sum);
                Instant eventTime = generator.eventTime(append, row);
                assertThat(eventTime.getNano()).isEqualTo(append * 1_000);
                assertThat(eventTime).isBefore(now).isAfterOrEqualTo(now.minus(Duration.ofDays(30)));
                if (generator.late(append, row)) {
                    late++;
                    assertThat(eventTime).isBefore(now.minus(Duration.ofDays(1)));
                } else {
                    assertThat(eventTime).isAfterOrEqualTo(now.minus(Duration.ofDays(1)));
                }
                assertThat(keyTimes.add(key + "@" + eventTime)).isTrue();
            }
        }
        double lateShare = late / (double) parameters.rows();
        assertThat(lateShare).isBetween(0.04, 0.06);
        // 200,000 rows over 20,000 keys: each key in about 10 appends, and almost every key in at least two.
        assertThat(appendsPerKey.size()).isGreaterThan((int) (parameters.keys() * 0.99));
        assertThat(appendsPerKey.values().stream().filter(n -> n >= 2).count()).isGreaterThan((long) (parameters.keys() * 0.95));
        assertThat(appendsPerKey.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThan(40);
    }

    /** Late rows of later appends land before earlier as-of times: an as-of read must see them, not just earlier appends. */
    @Test
    void lateRowsOfLaterAppendsFallBeforeTheFirstAsOfTime() {
        SmallAppendsParameters parameters = new SmallAppendsParameters(24, 250, 1_000, 42);
        SmallAppendsGenerator generator = new SmallAppendsGenerator(parameters);
        Instant firstAsOf = generator.asOfTimes().get(0);
        long lateArrivals = 0;
        for (int append = 7; append <= parameters.appends(); append++) {
            for (long row = 0; row < parameters.rowsPerAppend(); row++) {
                if (!generator.eventTime(append, row).isAfter(firstAsOf)) {
                    lateArrivals++;
                }
            }
        }
        assertThat(lateArrivals).isPositive();
    }

    @Test
    void medianAndPercentileOfOddAndEvenCounts() {
        assertThat(Timings.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
        assertThat(Timings.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2.5);
        List<Long> tenToHundred = List.of(100L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);
        assertThat(Timings.percentile(tenToHundred, 90)).isEqualTo(90L);
        assertThat(Timings.percentile(tenToHundred, 100)).isEqualTo(100L);
        assertThat(Timings.percentile(List.of(7L), 90)).isEqualTo(7L);
        assertThat(Timings.percentile(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), 90)).isEqualTo(10L);
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

        check.add(Method.ICEBERG, asOf, new Answer(11, 1.5, 20));
        check.compareMethods();
        assertThat(check.mismatches()).singleElement().asString().contains("window / Iceberg", "rows=11");
    }

    private static HistoryParameters monthly(Benchmark.Settings settings) {
        return ((HistoryGenerator) settings.history()).parameters();
    }

    private static SmallAppendsParameters smallAppends(Benchmark.Settings settings) {
        return ((SmallAppendsGenerator) settings.history()).parameters();
    }

    private static Benchmark.Settings settings(String... args) {
        BenchmarkMain main = new BenchmarkMain();
        new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return main.settings();
    }
}
