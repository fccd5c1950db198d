package io.azof.core.exceptions;

/** Base of every error azof raises on purpose, so callers can catch the family or one member. */
public class AzofException extends RuntimeException {
    public AzofException(String message) {
        super(message);
    }

    public AzofException(String message, Throwable cause) {
        super(message, cause);
    }
}
