package io.azof.core.merge;

import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of sorted runs that yields every record, in record order ({@link RecordOrder}), superseded ones and
 * deletes included: for rewriting runs without losing a record (run merging, SPEC section 6.8), where
 * {@link SortedRunMerger} yields each key's winner only. Memory holds one position per run.
 *
 * <p>Pure: it only moves cursors and compares their records.
 */
public final class EveryRecordMerger<C extends RunCursor<C>> {
    private final PriorityQueue<C> heads = new PriorityQueue<>(RecordOrder::compare);

    public EveryRecordMerger(List<C> runs) {
        for (C run : runs) {
            if (run.advance()) {
                heads.add(run);
            }
        }
    }

    /**
     * Moves to the next record.
     *
     * @return the cursor whose previous record is the next record in order, valid until the next call; null when
     *     every run is exhausted
     */
    public C next() {
        C run = heads.poll();
        if (run == null) {
            return null;
        }
        if (run.advance()) {
            heads.add(run);
        }
        return run;
    }
}
