package io.azof.core.maintenance;

import static io.azof.core.maintenance.ValidationProblem.error;

import io.azof.core.layout.SegmentRange;
import io.azof.core.log.MetadataFiles;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentEntry;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyOrdering;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks of one snapshot's segment tree and file entries that need no data file: pure, so every rule is
 * tested on hand-made snapshots. What the files themselves hold is {@link DataFileChecks}' part.
 */
final class SegmentTreeChecks {
    private final Snapshot snapshot;
    private final String file;
    private final List<ValidationProblem> problems = new ArrayList<>();
    private final Map<String, String> segmentIds = new HashMap<>();
    private final KeyOrdering keyOrdering;

    private SegmentTreeChecks(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.file = MetadataFiles.snapshotFile(snapshot.version());
        this.keyOrdering = snapshot.isLegacy() ? null : KeyOrdering.of(snapshot.table().keySchema());
    }

    static List<ValidationProblem> check(Snapshot snapshot) {
        SegmentTreeChecks checks = new SegmentTreeChecks(snapshot);
        checks.overlaps(snapshot.segments(), "segments");
        Map<Segment, String> paths = new IdentityHashMap<>();
        for (SegmentEntry entry : snapshot.segmentsDepthFirst()) {
            paths.put(entry.segment(), entry.fieldPath());
            checks.segment(entry.segment(), entry.fieldPath(), entry.parent(), entry.parent() == null ? null : paths.get(entry.parent()));
        }
        return checks.problems;
    }

    /** @param parent null for the top level */
    private void segment(Segment segment, String path, Segment parent, String parentPath) {
        String where = file + " " + path + " (" + segment.id() + ")";
        String earlier = segmentIds.putIfAbsent(segment.id(), path);
        if (earlier != null) {
            problems.add(error(Kind.DUPLICATE_SEGMENT_ID, where, "segment id '" + segment.id() + "' is also the id of " + earlier
                    + "; ids are unique in a snapshot"));
        }
        if (!segment.isOpen() && segment.startMicros() > segment.endMicros()) {
            problems.add(error(Kind.BAD_RANGE, where, "start " + Describe.time(segment.startMicros()) + " is after end "
                    + Describe.time(segment.endMicros())));
        }
        if (parent != null && !inside(segment.startMicros(), end(segment), parent)) {
            problems.add(error(Kind.SEGMENT_OUTSIDE_PARENT, where, "range " + range(segment) + " is not inside the range "
                    + range(parent) + " of its parent " + parentPath + " (" + parent.id() + ")"));
        }
        if (!snapshot.isLegacy()) {
            layout(segment, where);
        }
        for (int i = 0; i < segment.deltas().size(); i++) {
            delta(segment, segment.deltas().get(i), file + " " + path + ".delta[" + i + "] (" + segment.deltas().get(i).file() + ")");
        }
        for (int i = 0; i < segment.bases().size(); i++) {
            base(segment, segment.bases().get(i), file + " " + path + ".bases[" + i + "] (" + segment.bases().get(i).file() + ")");
        }
        overlaps(segment.children(), path + ".segments");
    }

    /**
     * Sorted by start, a segment overlaps an earlier sibling exactly when it starts at or before the latest
     * end among them; comparing with that one sibling finds every overlapping segment once.
     */
    private void overlaps(List<Segment> segments, String path) {
        List<Integer> byStart = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            byStart.add(i);
        }
        byStart.sort(Comparator.comparingLong(i -> segments.get(i).startMicros()));
        Integer furthest = null;
        for (int i : byStart) {
            Segment segment = segments.get(i);
            if (furthest != null) {
                Segment other = segments.get(furthest);
                if (end(other) >= segment.startMicros()) {
                    problems.add(error(Kind.SEGMENTS_OVERLAP, file + " " + path + "[" + i + "] (" + segment.id() + ")",
                            "range " + range(segment) + " overlaps the range " + range(other) + " of its sibling " + path + "["
                                    + furthest + "] (" + other.id() + "); sibling segments share no event time"));
                }
            }
            if (furthest == null || end(segment) > end(segments.get(furthest))) {
                furthest = i;
            }
        }
    }

    /** Format version 2 segments are the closed calendar periods of the table's granularity, without 0.2.1 parts. */
    private void layout(Segment segment, String where) {
        TableDefinition table = snapshot.table();
        SegmentRange period = table.granularity().segmentOf(segment.startMicros());
        if (!period.id().equals(segment.id()) || period.startMicros() != segment.startMicros() || segment.isOpen()
                || period.endMicros() != segment.endMicros()) {
            problems.add(error(Kind.SEGMENT_LAYOUT, where, "segment " + range(segment) + " is not the "
                    + table.granularity().jsonName() + " period holding its start: expected id '" + period.id() + "' and range "
                    + Describe.range(period.startMicros(), period.endMicros())));
        }
        if (!segment.children().isEmpty()) {
            problems.add(error(Kind.SEGMENT_LAYOUT, where, "has " + segment.children().size() + " child segments; format version 2"
                    + " segments have none, and readers ignore them and their files"));
        }
        if (segment.baseFile() != null) {
            problems.add(error(Kind.SEGMENT_LAYOUT, where, "has an azof 0.2.1 base file '" + segment.baseFile() + "'; format version 2"
                    + " keeps bases in 'bases', and readers ignore this one"));
        }
    }

    private void delta(Segment segment, DeltaFile delta, String where) {
        if (delta.startMicros() > delta.endMicros()) {
            problems.add(error(Kind.BAD_RANGE, where, "start " + Describe.time(delta.startMicros()) + " is after end "
                    + Describe.time(delta.endMicros())));
        }
        if (!inside(delta.startMicros(), delta.endMicros(), segment)) {
            problems.add(error(Kind.FILE_OUTSIDE_SEGMENT, where, "delta range " + Describe.range(delta.startMicros(), delta.endMicros())
                    + " is not inside its segment's range " + range(segment)));
        }
        FileStats stats = delta.stats();
        if (stats != null) {
            stats(stats, where);
            long earliest = Math.max(delta.startMicros(), segment.startMicros());
            long latest = Math.min(delta.endMicros(), end(segment));
            if (stats.minEventTimeMicros() < earliest || stats.maxEventTimeMicros() > latest) {
                problems.add(error(Kind.FILE_OUTSIDE_SEGMENT, where, "recorded event times "
                        + Describe.range(stats.minEventTimeMicros(), stats.maxEventTimeMicros())
                        + " are not inside the delta's range and its segment's " + Describe.range(earliest, latest)));
            }
        }
    }

    private void base(Segment segment, BaseFile base, String where) {
        FileStats stats = base.stats();
        stats(stats, where);
        if (stats.maxEventTimeMicros() >= segment.startMicros()) {
            problems.add(error(Kind.FILE_OUTSIDE_SEGMENT, where, "recorded max_event_time " + Describe.time(stats.maxEventTimeMicros())
                    + " is not before the segment's start " + Describe.time(segment.startMicros())
                    + "; a base holds the state just before its segment"));
        }
        if (base.coversVersion() < 1 || base.coversVersion() >= stats.addedVersion()) {
            problems.add(error(Kind.BAD_FILE_VERSION, where, "covers_version " + base.coversVersion() + " must be at least 1 and before"
                    + " added_version " + stats.addedVersion() + ": a base summarises versions committed before the one that added it"));
        }
    }

    /** What a file entry's statistics must satisfy by themselves. */
    private void stats(FileStats stats, String where) {
        int buckets = snapshot.table().buckets();
        if (stats.bucket() < 0 || stats.bucket() >= buckets) {
            problems.add(error(Kind.BAD_BUCKET, where, "bucket " + stats.bucket() + " is outside [0, " + buckets + ") for a table of "
                    + buckets + " buckets"));
        }
        if (stats.minEventTimeMicros() > stats.maxEventTimeMicros()) {
            problems.add(error(Kind.BAD_RANGE, where, "min_event_time " + Describe.time(stats.minEventTimeMicros())
                    + " is after max_event_time " + Describe.time(stats.maxEventTimeMicros())));
        }
        if (keyOrdering.compare(stats.minKey(), stats.maxKey()) > 0) {
            problems.add(error(Kind.BAD_RANGE, where, "min_key " + snapshot.table().describeKey(stats.minKey())
                    + " is after max_key " + snapshot.table().describeKey(stats.maxKey())));
        }
        if (stats.addedVersion() < 1 || stats.addedVersion() > snapshot.version()) {
            problems.add(error(Kind.BAD_FILE_VERSION, where, "added_version " + stats.addedVersion() + " must be between 1 and this"
                    + " snapshot's version " + snapshot.version() + ": a file is added by a commit at or before the snapshot"));
        }
    }

    private static boolean inside(long start, long end, Segment outer) {
        return start >= outer.startMicros() && end <= end(outer);
    }

    /** The inclusive end, Long.MAX_VALUE for an open segment. */
    private static long end(Segment segment) {
        return segment.isOpen() ? Long.MAX_VALUE : segment.endMicros();
    }

    private static String range(Segment segment) {
        return Describe.range(segment.startMicros(), end(segment));
    }
}
