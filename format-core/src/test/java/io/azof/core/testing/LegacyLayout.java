package io.azof.core.testing;

import io.azof.core.io.CloseableIterator;
import io.azof.core.merge.FirstSeenMerger;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An azof 0.2.1 table held in memory: the history it was generated from, its snapshot, and the rows of
 * each data file in file order. {@link LegacyTableWriter} puts it on storage; {@link #readInMemory} reads
 * it through the real planner and merger without Parquet, so thousands of reads stay cheap.
 *
 * @param origin how to regenerate exactly this table (the generator's settings)
 */
public record LegacyLayout(String origin, EventHistory history, Snapshot snapshot, Map<String, List<Object[]>> files) {
    private static final long DAY_MICROS = 86_400_000_000L;

    public LegacyLayout {
        files = Map.copyOf(files);
    }

    /** Rows of {@code file} in file order. */
    public CloseableIterator<Object[]> open(String file) {
        List<Object[]> rows = files.get(file);
        if (rows == null) {
            throw new IllegalArgumentException("the layout has no file " + file);
        }
        Iterator<Object[]> it = rows.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The table at {@code asOf} through {@link SegmentPlanner} and {@link FirstSeenMerger}, as the core reads it. */
    public List<Object[]> readInMemory(AsOf asOf) {
        List<Object[]> rows = new ArrayList<>();
        try (FirstSeenMerger<PlannedFile> merger =
                     new FirstSeenMerger<>(SegmentPlanner.plan(snapshot, asOf), file -> open(file.file()), asOf)) {
            merger.forEachRemaining(rows::add);
        }
        return rows;
    }

    /**
     * The as-of times where a read is most likely to go wrong: on, one microsecond before and one after
     * every segment bound, delta bound and event time; a day before all data; and current.
     */
    public List<AsOf> probes() {
        TreeSet<Long> instants = new TreeSet<>();
        history.events().forEach(event -> instants.add(event.eventTimeMicros()));
        collectBounds(snapshot.segments(), instants);
        List<AsOf> probes = new ArrayList<>();
        probes.add(AsOf.current());
        probes.add(AsOf.eventTime(instants.first() - DAY_MICROS));
        for (long instant : instants) {
            probes.add(AsOf.eventTime(instant - 1));
            probes.add(AsOf.eventTime(instant));
            probes.add(AsOf.eventTime(instant + 1));
        }
        return probes.stream().distinct().toList();
    }

    /** Adds every segment start and end and every delta's bounds, in {@code segments} and their children, to {@code instants}. */
    public static void collectBounds(List<Segment> segments, Set<Long> instants) {
        for (Segment segment : segments) {
            instants.add(segment.startMicros());
            if (segment.endMicros() != null) {
                instants.add(segment.endMicros());
            }
            for (DeltaFile delta : segment.deltas()) {
                instants.add(delta.startMicros());
                instants.add(delta.endMicros());
            }
            collectBounds(segment.children(), instants);
        }
    }

    /** Everything needed to rebuild a failing case by hand: origin, snapshot JSON and every file's rows. */
    public String describe() {
        StringBuilder text = new StringBuilder(origin).append('\n').append(SnapshotJson.write(snapshot)).append('\n');
        files.keySet().stream().sorted().forEach(file -> text.append(file).append(": ")
                .append(files.get(file).stream().map(Arrays::toString).collect(Collectors.joining(", ")))
                .append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return "LegacyLayout[" + origin + "]";
    }
}
