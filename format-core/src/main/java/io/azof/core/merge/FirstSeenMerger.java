package io.azof.core.merge;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.LookaheadIterator;
import io.azof.core.time.AsOf;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * The merge of azof 0.2.1 tables: files are visited in planner order, rows in file order, and the first
 * row seen for a key whose event time is at or before T wins; later rows of that key are shadowed.
 *
 * <p>0.2.1 files are neither sorted nor bucketed, so the keys already emitted must be remembered; memory
 * grows with the number of distinct keys. Pure: file contents arrive through {@code openFile}.
 *
 * <p>Rows are {@code Object[]} with the key in slot 0 and the event time (epoch micros) in slot 1.
 */
public final class FirstSeenMerger<F> extends LookaheadIterator<Object[]> {
    private final Iterator<F> files;
    private final Function<F, CloseableIterator<Object[]>> openFile;
    private final AsOf asOf;
    private final Set<Object> seenKeys = new HashSet<>();
    private CloseableIterator<Object[]> current;
    private long rowsRead;
    private long rowsShadowed;

    public FirstSeenMerger(Iterable<F> filesInPlannerOrder, Function<F, CloseableIterator<Object[]>> openFile, AsOf asOf) {
        this.files = filesInPlannerOrder.iterator();
        this.openFile = openFile;
        this.asOf = asOf;
    }

    /** Rows decoded so far, including those after T. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Rows at or before T so far that lost to an earlier row of their key. */
    public long rowsShadowed() {
        return rowsShadowed;
    }

    @Override
    protected Object[] fetchNext() {
        while (true) {
            if (current == null || !current.hasNext()) {
                if (current != null) {
                    current.close();
                    current = null;
                }
                if (!files.hasNext()) {
                    return null;
                }
                current = openFile.apply(files.next());
                continue;
            }
            Object[] row = current.next();
            rowsRead++;
            if (asOf.includes((Long) row[1])) {
                if (seenKeys.add(row[0])) {
                    return row;
                }
                rowsShadowed++;
            }
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
