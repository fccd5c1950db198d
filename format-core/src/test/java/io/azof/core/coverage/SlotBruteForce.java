package io.azof.core.coverage;

import io.azof.core.slots.SlotRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * The slot arithmetic of SPEC section 6.14 done the obvious way, over a {@link NavigableSet} of slots, for the property and
 * model tests to compare {@link io.azof.core.slots.SlotSet} and {@link io.azof.core.slots.SlotCoverage} with. Nothing here
 * shares code with them: counts are subset sizes, gaps a walk over the members, slot bounds exact BigInteger divisions.
 */
final class SlotBruteForce {
    private SlotBruteForce() {
    }

    /** How many slots of {@code slots} lie in [from, to). */
    static long count(NavigableSet<Long> slots, long from, long to) {
        return from >= to ? 0 : slots.subSet(from, true, to, false).size();
    }

    /** The maximal runs of slots of [from, to) absent from {@code slots}, in order: the spaces between consecutive members. */
    static List<SlotRange> gaps(NavigableSet<Long> slots, long from, long to) {
        List<SlotRange> gaps = new ArrayList<>();
        if (from >= to) {
            return gaps;
        }
        long cursor = from;
        for (long member : slots.subSet(from, true, to, false)) {
            if (member > cursor) {
                gaps.add(new SlotRange(cursor, member));
            }
            // member < to <= Long.MAX_VALUE, so member + 1 does not overflow.
            cursor = member + 1;
        }
        if (cursor < to) {
            gaps.add(new SlotRange(cursor, to));
        }
        return gaps;
    }

    /** The same gaps found slot by slot: only for short ranges, as a check on {@link #gaps} itself. */
    static List<SlotRange> gapsSlotBySlot(NavigableSet<Long> slots, long from, long to) {
        List<SlotRange> gaps = new ArrayList<>();
        Long start = null;
        for (long slot = from; slot < to; slot++) {
            boolean absent = !slots.contains(slot);
            if (absent && start == null) {
                start = slot;
            } else if (!absent && start != null) {
                gaps.add(new SlotRange(start, slot));
                start = null;
            }
        }
        if (start != null) {
            gaps.add(new SlotRange(start, to));
        }
        return gaps;
    }

    /**
     * The latest window [end - n, end) of {@code n} consecutive slots of {@code slots} inside [from, limit), as slot bounds:
     * every candidate end tried from the latest down.
     */
    static Optional<SlotRange> lastFullWindow(NavigableSet<Long> slots, long from, long limit, long n) {
        for (long end = limit; end - n >= from; end--) {
            if (count(slots, end - n, end) == n) {
                return Optional.of(new SlotRange(end - n, end));
            }
        }
        return Optional.empty();
    }

    /** floor(micros / width), exactly. */
    static long slotOf(long micros, long width) {
        BigInteger[] qr = BigInteger.valueOf(micros).divideAndRemainder(BigInteger.valueOf(width));
        BigInteger q = qr[0];
        if (qr[1].signum() < 0) {
            q = q.subtract(BigInteger.ONE);
        }
        return q.longValueExact();
    }

    /** ceil(micros / width), exactly: the first slot whose start is at or after {@code micros}. */
    static long ceilSlot(long micros, long width) {
        BigInteger[] qr = BigInteger.valueOf(micros).divideAndRemainder(BigInteger.valueOf(width));
        BigInteger q = qr[0];
        if (qr[1].signum() > 0) {
            q = q.add(BigInteger.ONE);
        }
        return q.longValueExact();
    }

    /** slot * width, clamped to the long range. */
    static long startMicros(long slot, long width) {
        BigInteger start = BigInteger.valueOf(slot).multiply(BigInteger.valueOf(width));
        if (start.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (start.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return start.longValueExact();
    }
}
