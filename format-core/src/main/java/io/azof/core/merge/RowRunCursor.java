package io.azof.core.merge;

import io.azof.core.io.CloseableIterator;
import io.azof.core.time.AsOf;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A {@link RunCursor} over rows {@code [key columns..., eventTimeMicros, payload..., deleted, version]} as
 * the core's Parquet reader produces them; a null version means the run's own version (the version whose
 * commit added the file).
 */
public final class RowRunCursor implements RunCursor<RowRunCursor> {
    private final CloseableIterator<Object[]> rows;
    private final long runVersion;
    private final int keyWidth;
    private final Comparator<Object[]> keyPrefixOrder;
    private final AsOf asOf;
    private Object[] current;
    private Object[] previous;

    /**
     * @param keyPrefixOrder compares the first {@code keyWidth} slots of two rows
     */
    public RowRunCursor(CloseableIterator<Object[]> rows, long runVersion, int keyWidth, Comparator<Object[]> keyPrefixOrder,
                        AsOf asOf) {
        this.rows = rows;
        this.runVersion = runVersion;
        this.keyWidth = keyWidth;
        this.keyPrefixOrder = keyPrefixOrder;
        this.asOf = asOf;
    }

    @Override
    public boolean advance() {
        if (current != null) {
            previous = current;
        }
        while (rows.hasNext()) {
            Object[] row = rows.next();
            if (asOf.includes((Long) row[keyWidth])) {
                current = row;
                return true;
            }
        }
        current = null;
        return false;
    }

    /** The previous record without its deleted and version slots: {@code [key columns..., eventTimeMicros, payload...]}. */
    public Object[] previousRecord() {
        return Arrays.copyOf(previous, previous.length - 2);
    }

    /**
     * Puts the previous record in full into {@code target}, its slot i at {@code positions[i]}, with its version filled
     * in where the file left it to the run's version: one copy, straight into the layout the caller writes.
     */
    public void placePreviousRow(Object[] target, int[] positions) {
        for (int i = 0; i < previous.length; i++) {
            target[positions[i]] = previous[i];
        }
        int version = previous.length - 1;
        if (previous[version] == null) {
            target[positions[version]] = runVersion;
        }
    }

    @Override
    public long eventTime() {
        return (Long) current[keyWidth];
    }

    @Override
    public long version() {
        Object explicit = current[current.length - 1];
        return explicit == null ? runVersion : (Long) explicit;
    }

    @Override
    public boolean deleted() {
        return (Boolean) current[current.length - 2];
    }

    @Override
    public int compareKeyTo(RowRunCursor other) {
        return keyPrefixOrder.compare(current, other.current);
    }

    @Override
    public boolean keyEqualsPreviousOf(RowRunCursor other) {
        return keyPrefixOrder.compare(current, other.previous) == 0;
    }

    public void close() {
        rows.close();
    }
}
