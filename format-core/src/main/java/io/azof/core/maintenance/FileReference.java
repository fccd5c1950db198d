package io.azof.core.maintenance;

import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.FileRole;
import io.azof.core.table.MetadataFiles;
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
        List<FileReference> references = new ArrayList<>();
        List<Segment> segments = snapshot.segments();
        for (int i = 0; i < segments.size(); i++) {
            collect(snapshot, segments.get(i), "segments[" + i + "]", references);
        }
        return references;
    }

    private static void collect(Snapshot snapshot, Segment segment, String path, List<FileReference> into) {
        String file = MetadataFiles.snapshotFile(snapshot.version());
        if (segment.baseFile() != null) {
            into.add(new FileReference(segment.baseFile(), at(file, path + ".file", segment.baseFile()), FileRole.BASE,
                    snapshot.version(), snapshot.table(), segment, null, null));
        }
        for (int i = 0; i < segment.deltas().size(); i++) {
            DeltaFile delta = segment.deltas().get(i);
            into.add(new FileReference(delta.file(), at(file, path + ".delta[" + i + "]", delta.file()), FileRole.DELTA,
                    snapshot.version(), snapshot.table(), segment, delta, null));
        }
        for (int i = 0; i < segment.bases().size(); i++) {
            BaseFile base = segment.bases().get(i);
            into.add(new FileReference(base.file(), at(file, path + ".bases[" + i + "]", base.file()), FileRole.BASE,
                    snapshot.version(), snapshot.table(), segment, null, base));
        }
        for (int i = 0; i < segment.children().size(); i++) {
            collect(snapshot, segment.children().get(i), path + ".segments[" + i + "]", into);
        }
    }

    private static String at(String snapshotFile, String fieldPath, String dataFile) {
        return snapshotFile + " " + fieldPath + " (" + dataFile + ")";
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
