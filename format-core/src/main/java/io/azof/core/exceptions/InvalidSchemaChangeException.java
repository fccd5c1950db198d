package io.azof.core.exceptions;

/**
 * A schema change azof refuses (a key or event-time column, a narrowing or other type change, a drop, a
 * rename, a not-null column added, a name already taken). The message names the column and, for a type
 * change, its old and new type. Nothing was committed.
 */
public class InvalidSchemaChangeException extends AzofException {
    public InvalidSchemaChangeException(String message) {
        super(message);
    }
}
