package io.azof.core.exceptions;

/** A user-supplied option has a value azof cannot accept; names the option, the value and what is accepted. */
public class InvalidOptionException extends AzofException {
    public InvalidOptionException(String message) {
        super(message);
    }
}
