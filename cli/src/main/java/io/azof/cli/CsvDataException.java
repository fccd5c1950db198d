package io.azof.cli;

/** A CSV that {@code gen} cannot turn into a data file: missing, malformed, or holding a value of the wrong type. */
public class CsvDataException extends RuntimeException {
    public CsvDataException(String message) {
        super(message);
    }

    public CsvDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
