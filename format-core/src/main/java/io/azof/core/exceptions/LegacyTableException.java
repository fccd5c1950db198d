package io.azof.core.exceptions;

/**
 * An operation that azof 0.2.1 tables cannot take: this project reads them as they are and never changes
 * them (their layout has no versions per file, no commit records and no buckets). Upgrading copies one into a
 * new table that can take every operation.
 */
public final class LegacyTableException extends AzofException {
    private LegacyTableException(String message) {
        super(message);
    }

    /** A change (write, schema change, compaction, expiry, vacuum) refused. */
    public static LegacyTableException readOnly(String tableLocation, String operation) {
        return new LegacyTableException("Table " + tableLocation + " was written by azof 0.2.1; this azof reads such tables but never"
                + " changes them, so " + operation + " changed nothing. Upgrade it to a new table first (azof upgrade, or"
                + " Table.newUpgrade in Java), then " + operation + " that one");
    }

    /** An in-place upgrade refused: an azof 0.2.1 table is upgraded to a new table, which is at the newest format already. */
    public static LegacyTableException upgradedToANewTable(String tableLocation) {
        return new LegacyTableException("Table " + tableLocation + " was written by azof 0.2.1, which is not upgraded in place: upgrade it to"
                + " a new table (azof upgrade <source> <target>, or Table.newUpgrade in Java), which is written at the newest format"
                + " version. Nothing was changed");
    }

    /** Something that needs the commit records azof 0.2.1 never wrote (history, commit times). */
    public static LegacyTableException noCommitRecords(String tableLocation, String needed) {
        return new LegacyTableException("Table " + tableLocation + " was written by azof 0.2.1, whose snapshots record no commit time,"
                + " operation or counts, so " + needed);
    }
}
