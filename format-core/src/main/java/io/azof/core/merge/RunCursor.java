package io.azof.core.merge;

/**
 * One sorted run (a data file) as the merge sees it: a position on one record at a time, records in
 * ascending (key, event time, version) order, only those with an event time at or before the read's T.
 *
 * <p>The merge decides which record of a key wins only after it has moved past it, so a cursor keeps the
 * record it yielded before its current one readable until it advances again ("previous"). The merge then
 * hands that record to the engine without copying it; implementations copy only when the previous record
 * would otherwise be lost, such as when a columnar reader replaces its batch.
 *
 * @param <C> the implementation, so keys compare between cursors of one kind without casts
 */
public interface RunCursor<C extends RunCursor<C>> {

    /**
     * Moves to the next record at or before T; the record current until now becomes the previous one.
     *
     * @return false when the run is exhausted; the previous record is still readable then
     */
    boolean advance();

    /** Event time of the current record, in epoch microseconds. */
    long eventTime();

    /** The snapshot version that added the current record. */
    long version();

    /** True when the current record is a delete. */
    boolean deleted();

    /** Compares the current record's key with the current record's key of {@code other}. */
    int compareKeyTo(C other);

    /** True when the current record's key equals the key of the previous record of {@code other}. */
    boolean keyEqualsPreviousOf(C other);
}
