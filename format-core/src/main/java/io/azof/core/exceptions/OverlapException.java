package io.azof.core.exceptions;

import java.time.Instant;

/**
 * An append with overlap policy {@code error} holds upsert records in a slot already covered for their key in the version
 * it would commit on (SPEC section 6.15). Nothing was committed.
 */
public class OverlapException extends AzofException {
    private final String key;
    private final Instant slotStart;
    private final Instant slotEnd;
    private final long rows;
    private final long version;

    /**
     * @param key the key as users write it, e.g. {@code (sensor=s1)}
     * @param rows the append's upsert records of that key in that slot
     * @param version the version whose records cover the slot already
     */
    public OverlapException(String tableLocation, String key, Instant slotStart, Instant slotEnd, long rows, long version) {
        super("Append to " + tableLocation + " overlaps data already in the table: key " + key + " has " + rows + " row"
                + (rows == 1 ? "" : "s") + " in slot [" + slotStart + ", " + slotEnd + "), which version " + version
                + " covers already (overlap policy 'error'). Nothing was committed; write with onOverlap=skip to drop such rows,"
                + " or onOverlap=allow to add them as corrections.");
        this.key = key;
        this.slotStart = slotStart;
        this.slotEnd = slotEnd;
        this.rows = rows;
        this.version = version;
    }

    public String key() {
        return key;
    }

    public Instant slotStart() {
        return slotStart;
    }

    public Instant slotEnd() {
        return slotEnd;
    }

    /** The append's upsert records of the key in the slot. */
    public long rows() {
        return rows;
    }

    /** The version the append was checked against. */
    public long version() {
        return version;
    }
}
