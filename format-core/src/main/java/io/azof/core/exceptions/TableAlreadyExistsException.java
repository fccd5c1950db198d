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
}
