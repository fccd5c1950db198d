package io.azof.core.exceptions;

/** A metadata file (version.txt, s&lt;N&gt;.json) is unreadable or inconsistent; names the file and the field. */
public class InvalidMetadataException extends AzofException {
    public InvalidMetadataException(String message) {
        super(message);
    }

    public InvalidMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
