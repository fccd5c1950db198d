package io.azof.core.merge;

import java.util.List;

/**
 * The merge of format version 2 tables: a k-way merge of sorted runs that yields, per key, the record with
 * the greatest (event time, version) at or before T, and skips the key when that record is a delete.
 *
 * <p>A loser tree over the runs orders their current records by (key, event time, version), so the records
 * of one key arrive consecutively and in the order in which they supersede each other: the last record of
 * a key is its winner. Finding the next record costs log2(k) comparisons for k runs, and memory holds one
 * position per run whatever the number of keys. Cursors filter out records after T themselves (see
 * {@link RunCursor}), so every record the tree sees is a candidate.
 *
 * <p>Pure: it only moves cursors and compares their records.
 */
public final class SortedRunMerger<C extends RunCursor<C>> {
    private final C[] runs;
    private final boolean[] exhausted;
    /** tree[0] is the run with the smallest current record; tree[1..k-1] the losers of each match. */
    private final int[] tree;
    private final int k;
    private final boolean keepDeletes;
    private long recordsMerged;
    private long keysReturned;

    public SortedRunMerger(List<C> runs) {
        this(runs, false);
    }

    /**
     * @param keepDeletes return keys whose winner is a delete too (compaction keeps them as tombstones, so a
     *     late record older than the delete still loses to it); reads skip them
     */
    @SuppressWarnings("unchecked")
    public SortedRunMerger(List<C> runs, boolean keepDeletes) {
        this.keepDeletes = keepDeletes;
        this.runs = (C[]) runs.toArray(RunCursor[]::new);
        this.k = runs.size();
        this.exhausted = new boolean[k];
        this.tree = new int[Math.max(1, k)];
        for (int i = 0; i < k; i++) {
            exhausted[i] = !this.runs[i].advance();
        }
        if (k > 1) {
            tree[0] = build(1);
        }
    }

    /**
     * Advances to the next key that is present as of T.
     *
     * @return the cursor whose previous record is that key's winning record, valid until the next call; null
     *     when every run is exhausted
     */
    public C next() {
        while (k > 0 && !exhausted[tree[0]]) {
            C winner;
            boolean winnerDeleted;
            int run = tree[0];
            do {
                winner = runs[run];
                winnerDeleted = winner.deleted();
                exhausted[run] = !winner.advance();
                recordsMerged++;
                replay(run);
                run = tree[0];
            } while (!exhausted[run] && runs[run].keyEqualsPreviousOf(winner));
            if (!winnerDeleted || keepDeletes) {
                keysReturned++;
                return winner;
            }
        }
        return null;
    }

    /** Records taken from the runs so far (each at or before T). */
    public long recordsMerged() {
        return recordsMerged;
    }

    /** Keys returned so far; {@code recordsMerged() - keysReturned()} records were shadowed or deletes. */
    public long keysReturned() {
        return keysReturned;
    }

    private int build(int node) {
        if (node >= k) {
            return node - k;
        }
        int left = build(2 * node);
        int right = build(2 * node + 1);
        if (precedes(left, right)) {
            tree[node] = right;
            return left;
        }
        tree[node] = left;
        return right;
    }

    /** Restores the tree after the leaf of {@code run} changed, playing its matches up to the root. */
    private void replay(int run) {
        int winner = run;
        for (int node = (run + k) >> 1; node > 0; node >>= 1) {
            int loser = tree[node];
            if (precedes(loser, winner)) {
                tree[node] = winner;
                winner = loser;
            }
        }
        tree[0] = winner;
    }

    /** Whether run a's current record comes before run b's; exhausted runs come last, ties by run index. */
    private boolean precedes(int a, int b) {
        if (exhausted[a] || exhausted[b]) {
            return !exhausted[a] && exhausted[b] || exhausted[a] == exhausted[b] && a < b;
        }
        int order = RecordOrder.compare(runs[a], runs[b]);
        return order != 0 ? order < 0 : a < b;
    }
}
