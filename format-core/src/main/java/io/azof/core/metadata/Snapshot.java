package io.azof.core.metadata;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One version of a table's metadata (file s&lt;version&gt;.json): what the table is and its event-time
 * segment tree.
 *
 * @param legacySchema the azof 0.2.1 payload schema, exactly for azof 0.2.1 tables; null otherwise
 * @param commit what the commit recorded; null for azof 0.2.1 tables
 */
public record Snapshot(
        long version,
        TableDefinition table,
        TableSchema legacySchema,
        List<Segment> segments,
        CommitInfo commit) implements SnapshotFile, Serializable {

    public Snapshot {
        Objects.requireNonNull(table, "table");
        if ((legacySchema != null) != table.isLegacy()) {
            throw new IllegalArgumentException("an azof 0.2.1 snapshot needs its 0.2.1 schema, and only it has one");
        }
        segments = List.copyOf(segments);
    }

    /** A format version 2 snapshot. */
    public Snapshot(long version, TableDefinition table, List<Segment> segments, CommitInfo commit) {
        this(version, table, null, segments, commit);
    }

    /** An azof 0.2.1 snapshot. */
    public Snapshot(long version, TableSchema schema, List<Segment> segments) {
        this(version, TableDefinition.legacy(schema), schema, segments, null);
    }

    /** {@link TableDefinition#FORMAT_VERSION}, or {@link TableDefinition#LEGACY_FORMAT} for azof 0.2.1 snapshots. */
    public int formatVersion() {
        return table.formatVersion();
    }

    public boolean isLegacy() {
        return table.isLegacy();
    }

    /** The same snapshot with other segments, e.g. a plan's view of the table with bases it will build. */
    public Snapshot withSegments(List<Segment> newSegments) {
        return new Snapshot(version, table, legacySchema, newSegments, commit);
    }

    /**
     * Every segment of the tree, depth first in the order the snapshot lists them (a segment before its children): the
     * one walk of the segment tree.
     */
    public List<SegmentEntry> segmentsDepthFirst() {
        List<SegmentEntry> entries = new ArrayList<>();
        addSegments(segments, null, "segments", entries);
        return entries;
    }

    private static void addSegments(List<Segment> siblings, Segment parent, String path, List<SegmentEntry> into) {
        for (int i = 0; i < siblings.size(); i++) {
            Segment segment = siblings.get(i);
            String segmentPath = path + "[" + i + "]";
            into.add(new SegmentEntry(segment, parent, segmentPath));
            addSegments(segment.children(), segment, segmentPath + ".segments", into);
        }
    }

    /**
     * Every entry naming a data file, segment by segment as {@link #segmentsDepthFirst()} lists them, and within a
     * segment: its azof 0.2.1 base, its deltas, its format version 2 bases. A file two entries name is listed twice.
     */
    public List<DataFileEntry> dataFiles() {
        List<DataFileEntry> files = new ArrayList<>();
        for (SegmentEntry entry : segmentsDepthFirst()) {
            Segment segment = entry.segment();
            String path = entry.fieldPath();
            if (segment.baseFile() != null) {
                files.add(new DataFileEntry(segment.baseFile(), FileRole.BASE, segment, path + ".file", null, null));
            }
            for (int i = 0; i < segment.deltas().size(); i++) {
                DeltaFile delta = segment.deltas().get(i);
                files.add(new DataFileEntry(delta.file(), FileRole.DELTA, segment, path + ".delta[" + i + "]", delta, null));
            }
            for (int i = 0; i < segment.bases().size(); i++) {
                BaseFile base = segment.bases().get(i);
                files.add(new DataFileEntry(base.file(), FileRole.BASE, segment, path + ".bases[" + i + "]", null, base));
            }
        }
        return files;
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
            throw new IllegalStateException("format version " + formatVersion() + " snapshots have no azof 0.2.1 schema; use table()");
        }
        return legacySchema;
    }
}
