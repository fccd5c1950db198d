package io.azof.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The timed repetitions of each (method, as-of time), and their medians; and the statistics the write times use. */
public final class Timings {
    private final Map<Method, Map<Instant, List<Long>>> nanos = new EnumMap<>(Method.class);

    public void add(Method method, Instant asOf, long elapsedNanos) {
        nanos.computeIfAbsent(method, m -> new TreeMap<>()).computeIfAbsent(asOf, t -> new ArrayList<>()).add(elapsedNanos);
    }

    /** The median in milliseconds; empty if the method was not run. */
    public OptionalDouble medianMillis(Method method, Instant asOf) {
        List<Long> runs = nanos.getOrDefault(method, Map.of()).getOrDefault(asOf, List.of());
        if (runs.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(median(runs) / 1e6);
    }

    /** The nearest-rank percentile: the smallest value that at least {@code percent}% of the values are at or below. */
    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty() || percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("need values and a percent in (0, 100], got " + values.size() + " values and " + percent);
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[rank - 1];
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
