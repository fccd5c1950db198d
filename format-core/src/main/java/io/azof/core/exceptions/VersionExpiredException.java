package io.azof.core.exceptions;

/**
 * A requested version existed but was expired (its snapshot file was replaced by a stub that keeps only
 * its commit record); names the version and the versions still retained.
 */
public class VersionExpiredException extends VersionNotFoundException {
    public VersionExpiredException(String message) {
        super(message);
    }
}
