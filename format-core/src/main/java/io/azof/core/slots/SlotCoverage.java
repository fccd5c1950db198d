package io.azof.core.slots;

import io.azof.core.time.Micros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which slots of a range [from, to) (widened to whole slots) hold data, for one key or the union over keys (SPEC section
 * 6.14): the counts, the ratio, and the gaps, which are the maximal runs of uncovered slots.
 */
public final class SlotCoverage {
    /** A run of uncovered slots [start, end) with its length. */
    public record Gap(Instant start, Instant end, long slots) {
    }

    /** A run of covered slots [start, end) with its length. */
    public record Window(Instant start, Instant end, long slots) {
    }

    private final CoverageGranularity granularity;
    private final SlotSet covered;
    private final long fromSlot;
    private final long toSlot;
    private List<SlotRange> gaps;

    /** @param covered the covered slots; those outside [fromSlot, toSlot) are ignored */
    public SlotCoverage(CoverageGranularity granularity, SlotSet covered, long fromSlot, long toSlot) {
        if (fromSlot >= toSlot) {
            throw new IllegalArgumentException("an empty slot range [" + fromSlot + ", " + toSlot + ")");
        }
        this.granularity = granularity;
        this.covered = covered;
        this.fromSlot = fromSlot;
        this.toSlot = toSlot;
    }

    public CoverageGranularity granularity() {
        return granularity;
    }

    public long firstSlot() {
        return fromSlot;
    }

    /** The slot after the range. */
    public long endSlot() {
        return toSlot;
    }

    public long coveredSlots() {
        return covered.count(fromSlot, toSlot);
    }

    public long totalSlots() {
        return toSlot - fromSlot;
    }

    /** Covered slots over slots in the range. */
    public double ratio() {
        return (double) coveredSlots() / totalSlots();
    }

    /** The gaps as slot ranges, in time order. */
    public List<SlotRange> gapSlots() {
        if (gaps == null) {
            gaps = List.copyOf(covered.gaps(fromSlot, toSlot));
        }
        return gaps;
    }

    /** Every gap, in time order. */
    public List<Gap> gaps() {
        return gaps(1);
    }

    /** The gaps of at least {@code minSlots} slots, in time order. */
    public List<Gap> gaps(long minSlots) {
        List<Gap> result = new ArrayList<>();
        for (SlotRange gap : gapSlots()) {
            if (gap.slots() >= minSlots) {
                result.add(new Gap(instant(gap.start()), instant(gap.end()), gap.slots()));
            }
        }
        return result;
    }

    /** The length of the longest gap; 0 when every slot is covered. */
    public long maxGapSlots() {
        return gapSlots().stream().mapToLong(SlotRange::slots).max().orElse(0);
    }

    /**
     * The latest run of {@code slots} consecutive covered slots of the range that ends at or before {@code end} (taken
     * up to whole slots): the freshest window a job can use whole.
     */
    public Optional<Window> lastFullyCoveredWindow(Instant end, long slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a window holds at least one slot, not " + slots);
        }
        long limit = Math.min(toSlot, granularity.endSlot(Micros.of(end)));
        long runEnd = limit;
        List<SlotRange> all = gapSlots();
        for (int i = all.size() - 1; i >= -1 && runEnd > fromSlot; i--) {
            SlotRange gap = i >= 0 ? all.get(i) : null;
            if (gap != null && gap.start() >= limit) {
                continue;
            }
            long runStart = gap == null ? fromSlot : Math.min(gap.end(), limit);
            if (runEnd - runStart >= slots) {
                return Optional.of(new Window(instant(runEnd - slots), instant(runEnd), slots));
            }
            if (gap != null) {
                runEnd = gap.start();
            }
        }
        return Optional.empty();
    }

    private Instant instant(long slot) {
        return Micros.toInstant(granularity.startMicros(slot));
    }
}
