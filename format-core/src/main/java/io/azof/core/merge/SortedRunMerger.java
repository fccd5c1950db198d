package io.azof.core.merge;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.LookaheadIterator;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge of format version 2 tables: a k-way merge of sorted runs (one per data file) that yields,
 * per key, the record with the greatest (event time, version) at or before T, and drops the key when
 * that record is a delete. Memory holds one record per run, whatever the number of keys.
 *
 * <p>Input rows: {@code [key columns..., eventTimeMicros, payload..., deleted, version]}, sorted by key
 * then event time within each run; a null version means the run's own version. Output rows: the input
 * without its last two slots.
 */
public final class SortedRunMerger extends LookaheadIterator<Object[]> {
    private final int keyWidth;
    private final Comparator<Object[]> keyOrder;
    private final AsOf asOf;
    private final List<CloseableIterator<Object[]>> runs;
    private final PriorityQueue<Head> heads;

    /** A run and the version its rows carry when their version slot is null. */
    public record Run(CloseableIterator<Object[]> rows, long version) {
    }

    /**
     * @param keyOrder compares the key prefix of two keys (arrays of {@code keyWidth} values)
     */
    public SortedRunMerger(List<Run> runs, int keyWidth, Comparator<Object[]> keyOrder, AsOf asOf) {
        this.keyWidth = keyWidth;
        this.keyOrder = keyOrder;
        this.asOf = asOf;
        this.runs = new ArrayList<>();
        Comparator<Head> order = (a, b) -> {
            int byKey = keyOrder.compare(a.key, b.key);
            if (byKey != 0) {
                return byKey;
            }
            int byTime = Long.compare(a.eventTime, b.eventTime);
            return byTime != 0 ? byTime : Long.compare(a.version, b.version);
        };
        this.heads = new PriorityQueue<>(Math.max(1, runs.size()), order);
        for (Run run : runs) {
            this.runs.add(run.rows());
            Head head = new Head(run.rows(), run.version());
            if (head.advance()) {
                heads.add(head);
            }
        }
    }

    @Override
    protected Object[] fetchNext() {
        while (!heads.isEmpty()) {
            Object[] key = heads.peek().key;
            Object[] winner = null;
            boolean winnerDeleted = false;
            while (!heads.isEmpty() && keyOrder.compare(heads.peek().key, key) == 0) {
                Head head = heads.poll();
                if (asOf.includes(head.eventTime)) {
                    winner = head.row;
                    winnerDeleted = head.deleted;
                }
                if (head.advance()) {
                    heads.add(head);
                }
            }
            if (winner != null && !winnerDeleted) {
                return Arrays.copyOf(winner, winner.length - 2);
            }
        }
        return null;
    }

    @Override
    public void close() {
        runs.forEach(CloseableIterator::close);
    }

    private final class Head {
        private final CloseableIterator<Object[]> rows;
        private final long runVersion;
        Object[] row;
        Object[] key;
        long eventTime;
        long version;
        boolean deleted;

        Head(CloseableIterator<Object[]> rows, long runVersion) {
            this.rows = rows;
            this.runVersion = runVersion;
        }

        boolean advance() {
            if (!rows.hasNext()) {
                return false;
            }
            row = rows.next();
            key = Arrays.copyOf(row, keyWidth);
            eventTime = (Long) row[keyWidth];
            deleted = (Boolean) row[row.length - 2];
            Object explicitVersion = row[row.length - 1];
            version = explicitVersion == null ? runVersion : (Long) explicitVersion;
            return true;
        }
    }
}
