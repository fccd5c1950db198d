package io.azof.core.exceptions;

/** A data file's columns do not match what the snapshot schema declares; names file and column. */
public class SchemaMismatchException extends AzofException {
    public SchemaMismatchException(String message) {
        super(message);
    }
}
