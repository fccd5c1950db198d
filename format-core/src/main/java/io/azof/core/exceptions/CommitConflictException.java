package io.azof.core.exceptions;

/**
 * A write could not commit because another commit changed the table in a way it cannot be re-based on.
 * Nothing of the failed write is visible; its data files are unreferenced and vacuum removes them.
 */
public class CommitConflictException extends AzofException {
    private final long readVersion;
    private final long conflictingVersion;

    public CommitConflictException(String operation, long readVersion, long conflictingVersion, String reason) {
        super("Cannot commit " + operation + " based on version " + readVersion + ": version " + conflictingVersion
                + " was committed concurrently and " + reason + ". Nothing was committed; retry the write.");
        this.readVersion = readVersion;
        this.conflictingVersion = conflictingVersion;
    }

    /** The version the failed write was based on (0 when it created the table). */
    public long readVersion() {
        return readVersion;
    }

    /** The concurrently committed version it conflicts with. */
    public long conflictingVersion() {
        return conflictingVersion;
    }
}
