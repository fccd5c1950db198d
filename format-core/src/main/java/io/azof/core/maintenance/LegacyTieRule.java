package io.azof.core.maintenance;

import java.util.List;

/**
 * Which file's row becomes the record when several data files of an azof 0.2.1 table hold a row with the
 * same key and event time t (a base materialises the state at its segment's start, so it repeats rows that
 * deltas of the same or an enclosing segment also hold). Pure: no I/O.
 *
 * <p>The rule (SPEC section 6.7): keep the row an azof 0.2.1 read as of t returns, from the candidate file
 * first in {@code SegmentPlanner.plan(snapshot, AsOf.eventTime(t))} order (within a file, the first row).
 * Where no candidate is planned, the first in {@code candidates} order, which callers give in snapshot order.
 */
public final class LegacyTieRule {
    private LegacyTieRule() {
    }

    /**
     * @param filesInPlannerOrder the files of the plan as of the tied event time, in the order their rows
     *     take precedence (a file may repeat; its first position counts)
     * @param candidates the files holding a row with the tied key and event time, in snapshot order, at
     *     least one
     * @return the candidate whose row is kept
     * @throws IllegalArgumentException when there is no candidate
     */
    public static String winner(List<String> filesInPlannerOrder, List<String> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a tie needs at least one candidate file");
        }
        String best = null;
        int bestPosition = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int position = filesInPlannerOrder.indexOf(candidate);
            if (position >= 0 && position < bestPosition) {
                best = candidate;
                bestPosition = position;
            }
        }
        return best != null ? best : candidates.get(0);
    }
}
