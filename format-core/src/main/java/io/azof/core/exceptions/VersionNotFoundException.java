package io.azof.core.exceptions;

/** A requested snapshot version or system time does not exist in the table; names it and the versions that do. */
public class VersionNotFoundException extends AzofException {
    public VersionNotFoundException(String message) {
        super(message);
    }
}
