package io.azof.core.maintenance;

import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a snapshot that names a data file: an azof 0.2.1 base ({@code file}), a delta, or a format
 * version 2 base, with what the entry promises about the file's records.
 *
 * @param location the snapshot file, the field path and the data file, for problem reports
 * @param delta the entry when it is a delta, else null
 * @param base the entry when it is a format version 2 base, else null
 */
record FileReference(String path, String location, FileRole role, long snapshotVersion, TableDefinition table, Segment segment,
                     DeltaFile delta, BaseFile base) {

    /** Every data file entry of a snapshot, in the order the snapshot lists them (depth first). */
    static List<FileReference> of(Snapshot snapshot) {
        String snapshotFile = MetadataFiles.snapshotFile(snapshot.version());
        List<FileReference> references = new ArrayList<>();
        for (DataFileEntry entry : snapshot.dataFiles()) {
            references.add(new FileReference(entry.file(), snapshotFile + " " + entry.fieldPath() + " (" + entry.file() + ")", entry.role(),
                    snapshot.version(), snapshot.table(), entry.segment(), entry.delta(), entry.base()));
        }
        return references;
    }

    boolean legacy() {
        return table.isLegacy();
    }

    /** The recorded statistics; null in azof 0.2.1 tables. */
    FileStats stats() {
        return delta != null ? delta.stats() : base != null ? base.stats() : null;
    }

    /**
     * The earliest event time a record of the file may have: a delta's records lie in both its own range and
     * its segment's; a base holds state from before its segment, so any earlier time.
     */
    long earliestAllowed() {
        return role == FileRole.DELTA ? Math.max(delta.startMicros(), segment.startMicros()) : Long.MIN_VALUE;
    }

    /**
     * The latest event time a record of the file may have: an azof 0.2.1 base is the state <em>as of</em> its
     * segment's start (that instant included), a format version 2 base the state just <em>before</em> it.
     */
    long latestAllowed() {
        if (role == FileRole.BASE) {
            return legacy() ? segment.startMicros() : segment.startMicros() - 1;
        }
        long segmentEnd = segment.isOpen() ? Long.MAX_VALUE : segment.endMicros();
        return Math.min(delta.endMicros(), segmentEnd);
    }

    /** Says where this entry's records must lie, for messages. */
    String allowedRange() {
        if (role == FileRole.BASE) {
            return (legacy() ? "at or before" : "before") + " its segment's start " + Describe.time(segment.startMicros());
        }
        return "inside its delta range and segment " + Describe.range(earliestAllowed(), latestAllowed());
    }

    /**
     * What the entry says about the file, without where it was said: entries equal in this are checked
     * against the file once, however many versions repeat them.
     */
    Entry entry() {
        return new Entry(role, table, earliestAllowed(), latestAllowed(), stats(), base == null ? null : base.coversVersion());
    }

    record Entry(FileRole role, TableDefinition table, long earliestAllowed, long latestAllowed, FileStats stats, Long coversVersion) {
    }
}
