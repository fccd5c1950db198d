package io.azof.core.exceptions;

/** A write was rejected before anything was committed: it names the column, value or option at fault. */
public class InvalidWriteException extends AzofException {
    public InvalidWriteException(String message) {
        super(message);
    }
}
