package io.azof.core.maintenance;

import java.util.Objects;

/**
 * One thing {@link TableValidator} found wrong with a table.
 *
 * @param location where it is: a metadata file and the field path in it, and the data file concerned, e.g.
 *     {@code s7.json segments[2].delta[0] (data/2024-03/b1-....parquet)} or {@code version.txt}
 * @param message what is wrong, with the expected and the actual values
 */
public record ValidationProblem(Kind kind, Severity severity, String location, String message) {

    public ValidationProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** ERROR: a read can fail or return a wrong answer. WARNING: harmless for reads, but not what writers produce. */
    public enum Severity { ERROR, WARNING }

    /** What kind of check failed; see SPEC section 6.9. */
    public enum Kind {
        /** The location holds no snapshot file at all. */
        NO_SNAPSHOT,
        /** A version between the earliest and the latest snapshot file has no snapshot file. */
        VERSION_GAP,
        /** A snapshot file cannot be read or parsed. */
        SNAPSHOT_UNREADABLE,
        /** An expired version follows a retained one: expiry must remove the oldest versions only. */
        EXPIRED_NOT_PREFIX,
        /** {@code committed_at} does not strictly increase with the version. */
        COMMIT_TIME_ORDER,
        /** The table definition changed in a commit that is neither a create nor an overwrite. */
        TABLE_DEFINITION_CHANGED,
        /** {@code version.txt} is missing, unreadable, behind the latest version, or names a version that does not exist. */
        VERSION_HINT,
        /** A range whose start lies after its end: a segment, a delta, recorded event times or keys. */
        BAD_RANGE,
        /** A child segment reaches outside its parent's range. */
        SEGMENT_OUTSIDE_PARENT,
        /** Two sibling segments share event times. */
        SEGMENTS_OVERLAP,
        /** Two segments of one snapshot have the same id. */
        DUPLICATE_SEGMENT_ID,
        /** A format version 2 segment that is not a closed calendar period of the table's granularity, or has azof 0.2.1 parts. */
        SEGMENT_LAYOUT,
        /** A delta, or the event times of a data file, outside its segment; or a base with records not before its segment. */
        FILE_OUTSIDE_SEGMENT,
        /** A bucket outside {@code [0, buckets)}, or records whose key hashes to another bucket than the file's. */
        BAD_BUCKET,
        /** An {@code added_version} or {@code covers_version} that cannot be right, or records of a later version. */
        BAD_FILE_VERSION,
        /** A referenced data file does not exist. */
        FILE_MISSING,
        /** A data file's size differs from the recorded {@code bytes}. */
        FILE_SIZE_MISMATCH,
        /** A data file's Parquet footer or records cannot be read. */
        FILE_UNREADABLE,
        /** A data file's columns differ from what the table's definition requires. */
        FILE_SCHEMA_MISMATCH,
        /** Recorded statistics differ from what the file holds. */
        FILE_STATS_MISMATCH,
        /** Records out of the order the format requires within a file. */
        FILE_NOT_SORTED,
        /** Nulls in a key, the event time, or a payload column declared not null. */
        NULL_IN_NOT_NULL_COLUMN,
        /** azof 0.2.1: one file holds different rows for the same key and event time. */
        CONFLICTING_ROWS,
        /** A delta's coverage file is missing, unreadable, of another granularity, or (deep) not the slots of its upserts. */
        COVERAGE_MISMATCH
    }

    static ValidationProblem error(Kind kind, String location, String message) {
        return new ValidationProblem(kind, Severity.ERROR, location, message);
    }

    static ValidationProblem warning(Kind kind, String location, String message) {
        return new ValidationProblem(kind, Severity.WARNING, location, message);
    }

    @Override
    public String toString() {
        return severity + " " + kind + " at " + location + ": " + message;
    }
}
