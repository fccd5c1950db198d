package io.azof.core.slots;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * A set of 64-bit slot ids, kept in a Roaring bitmap ({@link Roaring64NavigableMap}) and stored in its portable
 * serialisation. Slots are signed (before 1970 they are negative) while the portable format orders ids as unsigned, so
 * each slot is stored with its sign bit flipped: the stored order is the slots' order (SPEC section 6.14).
 */
public final class SlotSet {
    private final Roaring64NavigableMap bits;

    public SlotSet() {
        this(new Roaring64NavigableMap());
    }

    private SlotSet(Roaring64NavigableMap bits) {
        this.bits = bits;
    }

    private static long stored(long slot) {
        return slot ^ Long.MIN_VALUE;
    }

    public static SlotSet of(long... slots) {
        SlotSet set = new SlotSet();
        for (long slot : slots) {
            set.add(slot);
        }
        return set;
    }

    public void add(long slot) {
        bits.addLong(stored(slot));
    }

    /** Adds the slots [from, to). */
    public void addRange(long from, long to) {
        if (from < to) {
            bits.addRange(stored(from), stored(to));
        }
    }

    public void addAll(SlotSet other) {
        bits.or(other.bits);
        forgetRanks();
    }

    public void removeAll(SlotSet other) {
        bits.andNot(other.bits);
        forgetRanks();
    }

    /**
     * Marks every cached rank of the bitmap stale, after a bulk operation. {@link Roaring64NavigableMap}'s or, and and andNot
     * note where its cached ranks (of rankLong, select, getLongCardinality) go stale with a signed comparison of high words,
     * while this map orders high words unsigned (RoaringBitmap issue 828, fixed after the versions Spark ships): a union of
     * slots on both sides of 0 (before and after 1970) then counted with stale ranks, failing with
     * ArrayIndexOutOfBoundsException. Adding and removing the stored id 0, whose high word is the lowest, marks every rank
     * stale through the path that compares high words right; the slots stay as they were.
     */
    private void forgetRanks() {
        if (bits.contains(0)) {
            bits.removeLong(0);
            bits.addLong(0);
        } else {
            bits.addLong(0);
            bits.removeLong(0);
        }
    }

    public boolean contains(long slot) {
        return bits.contains(stored(slot));
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public long size() {
        return bits.getLongCardinality();
    }

    /** The slots of both sets. */
    public SlotSet intersection(SlotSet other) {
        SlotSet result = copy();
        result.bits.and(other.bits);
        result.forgetRanks();
        return result;
    }

    public SlotSet copy() {
        SlotSet copy = new SlotSet();
        copy.addAll(this);
        return copy;
    }

    /** The smallest slot; the set must not be empty. */
    public long first() {
        return bits.first() ^ Long.MIN_VALUE;
    }

    /** How many slots lie in [from, to). */
    public long count(long from, long to) {
        return from >= to ? 0 : before(to) - before(from);
    }

    /** How many slots are below {@code slot}. */
    private long before(long slot) {
        long stored = stored(slot);
        return stored == 0 ? 0 : bits.rankLong(stored - 1);
    }

    /** The smallest slot at or after {@code slot}; {@code Long.MAX_VALUE}'s stand-in {@code none} when there is none. */
    private long nextAt(long slot, long none) {
        long rank = before(slot);
        return rank >= bits.getLongCardinality() ? none : bits.select(rank) ^ Long.MIN_VALUE;
    }

    /**
     * The maximal runs of slots of [from, to) not in this set, in order: found run by run with ranks and selects, so the
     * cost follows the number of runs, not of slots.
     */
    public List<SlotRange> gaps(long from, long to) {
        List<SlotRange> gaps = new ArrayList<>();
        long cursor = from;
        while (cursor < to) {
            long next = nextAt(cursor, to);
            long gapEnd = Math.min(next, to);
            if (gapEnd > cursor) {
                gaps.add(new SlotRange(cursor, gapEnd));
            }
            if (next >= to) {
                break;
            }
            cursor = endOfRun(next, to);
        }
        return gaps;
    }

    /** The first slot after the run of consecutive slots of this set that starts at {@code start} (a member), at most {@code limit}. */
    private long endOfRun(long start, long limit) {
        long rank = before(start);
        long cardinality = bits.getLongCardinality();
        // The run [start, start + length) is whole exactly when the slot of rank (rank + length - 1) is start + length - 1.
        long good = 1;
        long step = 1;
        while (true) {
            long probe = good + step;
            if (rank + probe - 1 >= cardinality || start + probe - 1 >= limit || start + probe - 1 < start
                    || (bits.select(rank + probe - 1) ^ Long.MIN_VALUE) != start + probe - 1) {
                break;
            }
            good = probe;
            step *= 2;
        }
        // good is whole, good + step is not (or out of bounds): binary search between them.
        long low = good;
        long high = good + step;
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (rank + mid - 1 < cardinality && start + mid - 1 < limit
                    && (bits.select(rank + mid - 1) ^ Long.MIN_VALUE) == start + mid - 1) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return start + low;
    }

    public byte[] serialize() {
        bits.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            bits.serializePortable(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a portable 64-bit Roaring bitmap */
    public static SlotSet deserialize(byte[] serialized) throws IOException {
        Roaring64NavigableMap bits = new Roaring64NavigableMap();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            bits.deserializePortable(in);
        } catch (RuntimeException e) {
            throw new IOException("not a portable 64-bit Roaring bitmap: " + e, e);
        }
        return new SlotSet(bits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlotSet set && set.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return "SlotSet(" + size() + " slots)";
    }
}
