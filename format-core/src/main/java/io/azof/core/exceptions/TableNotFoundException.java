package io.azof.core.exceptions;

/** The path does not hold an azof table: it names the path and what is missing there. */
public class TableNotFoundException extends AzofException {
    public TableNotFoundException(String message) {
        super(message);
    }

    public TableNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
