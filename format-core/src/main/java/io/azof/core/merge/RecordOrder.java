package io.azof.core.merge;

/**
 * The order of records in sorted runs and in every merge of them: by key, then event time, then the version that
 * added the record (SPEC section 6.1). The one definition of it.
 */
public final class RecordOrder {
    private RecordOrder() {
    }

    /** Compares the current records of two cursors. */
    public static <C extends RunCursor<C>> int compare(C a, C b) {
        int byKey = a.compareKeyTo(b);
        if (byKey != 0) {
            return byKey;
        }
        int byTime = Long.compare(a.eventTime(), b.eventTime());
        return byTime != 0 ? byTime : Long.compare(a.version(), b.version());
    }
}
