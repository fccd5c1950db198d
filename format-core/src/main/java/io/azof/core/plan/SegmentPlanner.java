package io.azof.core.plan;

import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Chooses, for an as-of time, the data files of an azof 0.2.1 segment tree and the order in which their
 * rows take precedence. Pure: no I/O.
 *
 * <p>For every segment whose range holds T (for "current": every segment without an end), the order is
 * its in-range children's files first (depth first), then its deltas whose start is at or before T by
 * start descending, then its base. A reader that keeps the first row seen for each key with
 * {@code event_time <= T} then returns the table's state at T.
 *
 * <p>Top-level segments are filtered by range like children are. azof 0.2.1's code visits every
 * top-level segment's deltas; the two agree on every table whose out-of-range top-level segments have
 * no deltas (all reference tables), and where they differ 0.2.1's answer would let an old delta shadow a
 * newer base.
 *
 * <p>azof 0.2.1 stores segment bounds and event times in milliseconds and ends a closed segment at its
 * last millisecond ({@code 23:59:59.999Z}), the next starting one millisecond later. An as-of time is
 * therefore floored to the millisecond before planning: no record lies strictly inside a millisecond, so
 * the answer is unchanged, and the microseconds after a segment's last millisecond stay in that segment
 * instead of falling into a gap between segments.
 */
public final class SegmentPlanner {
    private static final Comparator<DeltaFile> NEWEST_FIRST =
            Comparator.comparingLong(DeltaFile::startMicros).reversed();

    private SegmentPlanner() {
    }

    public static List<PlannedFile> plan(Snapshot snapshot, AsOf requested) {
        AsOf asOf = requested.isCurrent() ? requested : AsOf.eventTime(Math.floorDiv(requested.micros(), 1_000L) * 1_000L);
        List<PlannedFile> files = new ArrayList<>();
        for (Segment segment : snapshot.segments()) {
            if (inRange(segment, asOf)) {
                addFiles(segment, asOf, files::add);
            }
        }
        return List.copyOf(files);
    }

    /**
     * Every data file of the snapshot, once, in the order a plan lists them when every segment is in range: per
     * top-level segment, its children's files (depth first), its deltas by start descending, its base.
     */
    public static List<String> everyFile(Snapshot snapshot) {
        Set<String> files = new LinkedHashSet<>();
        snapshot.segments().forEach(segment -> addFiles(segment, null, planned -> files.add(planned.file())));
        return List.copyOf(files);
    }

    /** True when T lies in [start, end] (inclusive both ends); "current" is in range of open segments only. */
    static boolean inRange(Segment segment, AsOf asOf) {
        if (asOf.isCurrent()) {
            return segment.isOpen();
        }
        long t = asOf.micros();
        return segment.startMicros() <= t && (segment.isOpen() || t <= segment.endMicros());
    }

    /** @param asOf null to take every child and delta (the whole tree), else those a read at T takes */
    private static void addFiles(Segment segment, AsOf asOf, Consumer<PlannedFile> files) {
        for (Segment child : segment.children()) {
            if (asOf == null || inRange(child, asOf)) {
                addFiles(child, asOf, files);
            }
        }
        segment.deltas().stream()
                .filter(delta -> asOf == null || asOf.isCurrent() || delta.startMicros() <= asOf.micros())
                .sorted(NEWEST_FIRST)
                .forEach(delta -> files.accept(new PlannedFile(delta.file(), FileRole.DELTA, segment.id())));
        if (segment.baseFile() != null) {
            files.accept(new PlannedFile(segment.baseFile(), FileRole.BASE, segment.id()));
        }
    }
}
