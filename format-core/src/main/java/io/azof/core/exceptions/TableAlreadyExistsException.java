package io.azof.core.exceptions;

/**
 * A change that must create a table (a new table, a write that only creates, an upgrade's target) found one
 * there when it committed. Nothing of the change is in the table: the exclusive create of version 1 that would
 * have committed it is what failed.
 */
public final class TableAlreadyExistsException extends AzofException {
    public TableAlreadyExistsException(String message) {
        super(message);
    }

    /** The one refusal of a create where a table is, whether seen before writing or by the commit. */
    public static TableAlreadyExistsException at(String tableLocation, long latestVersion) {
        return new TableAlreadyExistsException("Table " + tableLocation + " already exists (latest version " + latestVersion
                + "); a create commits only as a table's first version, so it committed nothing");
    }
}
