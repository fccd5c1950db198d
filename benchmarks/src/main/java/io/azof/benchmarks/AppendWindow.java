package io.azof.benchmarks;

import java.util.List;
import java.util.TreeSet;

/**
 * A run of consecutive appends, {@code first} to {@code last} (1-based, inclusive), over which the metadata scenario
 * summarises append latencies and metadata bytes: a median over ten appends is steady where one append is noise, and
 * ten consecutive appends hold exactly one of Delta's checkpoints (every ten commits).
 */
public record AppendWindow(int first, int last) {
    /** Appends per window. */
    public static final int SIZE = 10;

    public AppendWindow {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("need 1 <= first <= last, got " + first + " and " + last);
        }
    }

    public boolean contains(int append) {
        return first <= append && append <= last;
    }

    /** {@code 991-1,000}. */
    @Override
    public String toString() {
        return String.format("%,d-%,d", first, last);
    }

    /**
     * The windows of a run of {@code appends} appends: the {@value #SIZE} appends up to each of 10, 100, 1,000, ... that
     * the run reaches, and up to its last append (for 2,000 appends: 1-10, 91-100, 991-1,000, 1,991-2,000); a window
     * starts no earlier than the first append.
     */
    public static List<AppendWindow> of(int appends) {
        TreeSet<Integer> ends = new TreeSet<>();
        for (long end = SIZE; end <= appends; end *= 10) {
            ends.add((int) end);
        }
        ends.add(appends);
        return ends.stream().map(end -> new AppendWindow(Math.max(1, end - SIZE + 1), end)).toList();
    }
}
