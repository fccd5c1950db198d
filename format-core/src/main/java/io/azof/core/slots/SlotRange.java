package io.azof.core.slots;

/** The slots [start, end), start below end. */
public record SlotRange(long start, long end) {
    public SlotRange {
        if (start >= end) {
            throw new IllegalArgumentException("an empty slot range [" + start + ", " + end + ")");
        }
    }

    public long slots() {
        return end - start;
    }
}
