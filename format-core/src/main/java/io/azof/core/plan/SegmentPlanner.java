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
 * <p>The order is SPEC section 4.1's: in-range children first, then deltas by start descending, then the
 * base; a first-seen merge over it returns the state at T on a valid layout (section 4.2). Section 4.1 also
 * says why top-level segments are filtered by range, unlike in azof 0.2.1's code, and T floored to the millisecond.
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
