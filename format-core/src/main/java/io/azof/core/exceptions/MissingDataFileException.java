package io.azof.core.exceptions;

/** A data file the snapshot references is not in storage. */
public class MissingDataFileException extends AzofException {
    public MissingDataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
