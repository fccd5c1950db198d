package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One version of a table's metadata (file s&lt;version&gt;.json): what the table is and its event-time
 * segment tree.
 *
 * @param legacySchema the azof 0.2.1 payload schema; null for format version 2 tables
 * @param commit what the commit recorded; null for azof 0.2.1 tables
 */
public record Snapshot(
        long version,
        int formatVersion,
        TableDefinition table,
        TableSchema legacySchema,
        List<Segment> segments,
        CommitInfo commit) implements SnapshotFile, Serializable {

    /** azof 0.2.1 snapshots carry no format version. */
    public static final int LEGACY_FORMAT = 1;
    public static final int FORMAT_VERSION = 2;

    public Snapshot {
        Objects.requireNonNull(table, "table");
        segments = List.copyOf(segments);
    }

    /** An azof 0.2.1 snapshot. */
    public Snapshot(long version, TableSchema schema, List<Segment> segments) {
        this(version, LEGACY_FORMAT, TableDefinition.legacy(schema), schema, segments, null);
    }

    public boolean isLegacy() {
        return formatVersion == LEGACY_FORMAT;
    }

    /** What this version's commit recorded, as history reports it and an expiry stub keeps it. */
    public CommitRecord commitRecord() {
        if (commit == null) {
            throw new IllegalStateException("azof 0.2.1 snapshots record no commit");
        }
        return CommitRecord.of(version, commit);
    }

    /** The azof 0.2.1 payload schema. */
    public TableSchema schema() {
        if (legacySchema == null) {
            throw new IllegalStateException("format version " + formatVersion + " snapshots have no azof 0.2.1 schema; use table()");
        }
        return legacySchema;
    }
}
