package io.azof.core.testing;

import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.EventHistory.Event;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates random event histories and lays each out as a random but valid azof 0.2.1 table.
 *
 * <p>A layout is valid when, for every as-of time T, the files azof's planner picks hold each key's latest
 * event at or before T and show it before any older row of that key. For T the planner walks the chain
 * of segments containing T, innermost first, and takes from each its deltas starting at or before T (start
 * descending), then its base. The rules below make every such chain valid; each is needed by the proof
 * sketched beside it.
 * <ol>
 *   <li>Time is whole milliseconds: event times and all bounds. azof 0.2.1 stores milliseconds, so a closed
 *       end names its last millisecond and the segment holds every instant up to 999 microseconds after it.
 *   <li>Top-level segments are contiguous (each starts one millisecond after the previous end), the last is
 *       open, and the first starts at or before the earliest event: no event lies outside the tree.
 *   <li>Children lie inside their parent's range, siblings never overlap, and only the last child of an open
 *       segment may be open. Children need not cover the parent. So T's chain is unique.
 *   <li>A segment's deltas have pairwise disjoint ranges inside the segment, and a delta holds every event
 *       whose time is in its range, each key's rows in descending event time. So among the deltas of one
 *       segment the first row of a key at or before T is its latest in those deltas.
 *   <li>Coverage: for every T in a segment but in none of its children, the segment's deltas hold every
 *       event after the segment's start up to T. So the innermost segment of a chain sees every event after
 *       its start, and each outer segment is only consulted for keys whose latest event is at or before the
 *       start of the inner one.
 *   <li>A base is the full state (all keys, original event times) at its segment's start. It may be omitted
 *       when that state is empty, or, for a child, when no event lies between the parent's start (exclusive)
 *       and its own (inclusive): then every key it would hold has no event after the parent's start, the
 *       parent's deltas show only that same event for it, and the parent's base (or, recursively, an
 *       ancestor's) holds it. A top-level segment with events before its start always has a base.
 * </ol>
 * Within those rules everything is random: how many top-level segments, nesting depth, contiguous
 * (quarter-like) or sparse children, delta boundaries, gaps between deltas where no event needs covering,
 * extra deltas over ranges children already cover, empty files, the order of deltas in the snapshot, and
 * the interleaving of keys in a file.
 *
 * <p>Everything is derived from {@link Settings#seed()}, so a printed {@link Settings} rebuilds the table.
 */
public final class LegacyLayoutGenerator {
    private static final long MS = 1_000L;
    /** Epochs the histories start at; the second makes event times cross zero so negative micros are covered. */
    private static final long[] EPOCHS = {1_704_067_200_000_000L, -100_000L, 946_684_800_000_000L};

    /**
     * @param keyCount distinct keys to draw from (at least 1)
     * @param eventCount events to draw (fewer when the key-time grid is too small)
     * @param maxDepth deepest child nesting below the top-level segments
     */
    public record Settings(long seed, int keyCount, int eventCount, int maxDepth) {
    }

    private final Random random;
    private final EventHistory history;
    private final List<Event> byTime;
    private final long horizon;
    private final int maxDepth;
    private final Map<String, List<Object[]>> files = new LinkedHashMap<>();

    private LegacyLayoutGenerator(Random random, EventHistory history, long horizon, int maxDepth) {
        this.random = random;
        this.history = history;
        this.byTime = history.events().stream().sorted(Comparator.comparingLong(Event::eventTimeMicros)).toList();
        this.horizon = horizon;
        this.maxDepth = maxDepth;
    }

    public static LegacyLayout generate(Settings settings) {
        Random random = new Random(settings.seed());
        long epoch = EPOCHS[random.nextInt(EPOCHS.length)];
        int spanMillis = 1 + random.nextInt(2 + 3 * settings.eventCount());
        EventHistory history = randomHistory(random, randomSchema(random), epoch, spanMillis,
                settings.keyCount(), settings.eventCount());
        long horizon = epoch + (spanMillis + 2) * MS;
        return new LegacyLayoutGenerator(random, history, horizon, settings.maxDepth())
                .layout(settings.toString(), epoch);
    }

    /** A schema with every column type at least once, in random order, with at least one nullable column. */
    public static TableSchema randomSchema(Random random) {
        List<ColumnType> types = new ArrayList<>(List.of(ColumnType.values()));
        for (int extra = random.nextInt(3); extra > 0; extra--) {
            types.add(ColumnType.values()[random.nextInt(ColumnType.values().length)]);
        }
        Collections.shuffle(types, random);
        int forcedNullable = random.nextInt(types.size());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            ColumnType type = types.get(i);
            columns.add(new Column("c" + i + "_" + type.jsonName().toLowerCase(Locale.ROOT), type,
                    i == forcedNullable || random.nextBoolean()));
        }
        return new TableSchema(columns);
    }

    /** Events on whole milliseconds in [epoch, epoch + spanMillis), at most one per key and time. */
    public static EventHistory randomHistory(Random random, TableSchema schema, long epoch, int spanMillis,
                                             int keyCount, int eventCount) {
        List<Event> events = new ArrayList<>();
        Set<String> keyTimes = new HashSet<>();
        for (int attempt = 0; attempt < 3 * eventCount && events.size() < eventCount; attempt++) {
            String key = "k" + random.nextInt(keyCount);
            long time = epoch + random.nextInt(spanMillis) * MS;
            if (keyTimes.add(key + "@" + time)) {
                events.add(new Event(key, time, randomPayload(random, schema, epoch)));
            }
        }
        return new EventHistory(schema, events);
    }

    private static List<Object> randomPayload(Random random, TableSchema schema, long epoch) {
        List<Object> values = new ArrayList<>();
        for (Column column : schema.columns()) {
            if (column.nullable() && random.nextInt(3) == 0) {
                values.add(null);
                continue;
            }
            values.add(switch (column.type()) {
                case STRING -> List.of("", "a", "abc", "grüße €", "v" + random.nextInt(1000)).get(random.nextInt(5));
                case INT -> List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) random.nextInt(1000), random.nextLong())
                        .get(random.nextInt(6));
                case BOOLEAN -> random.nextBoolean();
                // 0.2.1 stores DateTime columns in milliseconds too.
                case DATE_TIME -> epoch + (random.nextInt(2_000_001) - 1_000_000L) * MS;
            });
        }
        return values;
    }

    private LegacyLayout layout(String origin, long epoch) {
        long first = (byTime.isEmpty() ? epoch : byTime.get(0).eventTimeMicros()) - random.nextInt(3) * MS;
        List<Long> starts = pickMillis(first + MS, horizon, random.nextInt(4));
        starts.add(0, first);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Long end = i + 1 < starts.size() ? starts.get(i + 1) - MS : null;
            segments.add(segment("s" + i, starts.get(i), end, null, 0));
        }
        return new LegacyLayout(origin, history, new Snapshot(1, history.schema(), segments), files);
    }

    private Segment segment(String id, long start, Long end, Long parentStart, int depth) {
        List<Segment> children = depth < maxDepth && random.nextInt(10) < 6 - depth
                ? children(id, start, end, depth)
                : List.of();
        List<DeltaFile> deltas = deltas(id, start, end, lastUncovered(start, end, children));
        return new Segment(id, start, end, base(id, start, parentStart), deltas, children);
    }

    private List<Segment> children(String parentId, long start, Long end, int depth) {
        long last = end != null ? end : Math.max(start, horizon);
        int count = 1 + random.nextInt(3);
        List<long[]> ranges = new ArrayList<>();
        if (random.nextBoolean()) {
            // Contiguous from the parent's start, like the quarters of financials' years.
            List<Long> cuts = pickMillis(start + MS, last, count - 1);
            cuts.add(0, start);
            for (int i = 0; i < cuts.size(); i++) {
                ranges.add(new long[] {cuts.get(i), i + 1 < cuts.size() ? cuts.get(i + 1) - MS : last});
            }
        } else {
            List<Long> points = pickMillis(start, last, 2 * count);
            for (int i = 0; i < points.size(); i += 2) {
                long childStart = points.get(i);
                long childEnd = i + 1 < points.size() && random.nextBoolean() ? points.get(i + 1) : childStart;
                ranges.add(new long[] {childStart, childEnd});
            }
        }
        boolean lastOpen = end == null && random.nextBoolean();
        List<Segment> children = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Long childEnd = lastOpen && i == ranges.size() - 1 ? null : ranges.get(i)[1];
            children.add(segment(parentId + "." + i, ranges.get(i)[0], childEnd, start, depth + 1));
        }
        return children;
    }

    /**
     * The latest instant of the segment that no child holds (rule 5 must cover events up to it):
     * {@link Long#MAX_VALUE} for an open segment without an open child, {@link Long#MIN_VALUE} when children
     * hold the whole segment.
     */
    private static long lastUncovered(long start, Long end, List<Segment> children) {
        Segment lastChild = children.isEmpty() ? null : children.get(children.size() - 1);
        long candidate;
        if (lastChild != null && lastChild.isOpen()) {
            candidate = lastChild.startMicros() - MS;
        } else if (end == null) {
            return Long.MAX_VALUE;
        } else {
            candidate = end;
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            Segment child = children.get(i);
            if (!child.isOpen() && child.startMicros() <= candidate && candidate <= child.endMicros()) {
                candidate = child.startMicros() - MS;
            }
        }
        return candidate >= start ? candidate : Long.MIN_VALUE;
    }

    private List<DeltaFile> deltas(String id, long start, Long end, long coverUpTo) {
        TreeSet<Long> required = new TreeSet<>();
        byTime.stream().map(Event::eventTimeMicros).filter(t -> t > start && t <= coverUpTo).forEach(required::add);
        if (required.isEmpty() && random.nextInt(3) == 0) {
            return List.of();
        }
        long last = end != null ? end : Math.max(start, horizon);
        long minCoverEnd = required.isEmpty() ? start : required.last();
        long coverEnd = random.nextBoolean() ? minCoverEnd : pickMillis(minCoverEnd, last, 1).get(0);
        List<Long> cuts = pickMillis(start + MS, coverEnd, random.nextInt(4));
        cuts.add(0, start);
        List<DeltaFile> deltas = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            long pieceStart = cuts.get(i);
            long pieceEnd = i + 1 < cuts.size() ? cuts.get(i + 1) - MS : coverEnd;
            Long firstNeeded = required.ceiling(pieceStart);
            if (firstNeeded == null || firstNeeded > pieceEnd) {
                if (random.nextInt(3) > 0) {
                    deltas.add(delta(id + "_delta" + i, pieceStart, pieceEnd));
                }
                continue;
            }
            // Shrinking a piece towards its needed events leaves gaps holding no event that needs covering.
            long lastNeeded = required.floor(pieceEnd);
            deltas.add(delta(id + "_delta" + i, pickMillis(pieceStart, firstNeeded, 1).get(0),
                    pickMillis(lastNeeded, pieceEnd, 1).get(0)));
        }
        if (random.nextInt(4) == 0) {
            Collections.shuffle(deltas, random);
        }
        return deltas;
    }

    private DeltaFile delta(String name, long start, long end) {
        String file = name + ".parquet";
        Map<String, List<Object[]>> byKey = new LinkedHashMap<>();
        for (int i = byTime.size() - 1; i >= 0; i--) {
            Event event = byTime.get(i);
            if (event.eventTimeMicros() >= start && event.eventTimeMicros() <= end) {
                byKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event.row());
            }
        }
        files.put(file, interleave(new ArrayList<>(byKey.values())));
        return new DeltaFile(file, start, end);
    }

    /** Drains per-key runs in random order, keeping each run's own order (descending event time). */
    private List<Object[]> interleave(List<List<Object[]>> left) {
        List<Object[]> rows = new ArrayList<>();
        while (!left.isEmpty()) {
            int pick = random.nextInt(left.size());
            rows.add(left.get(pick).remove(0));
            if (left.get(pick).isEmpty()) {
                left.remove(pick);
            }
        }
        return rows;
    }

    private String base(String id, long start, Long parentStart) {
        List<Object[]> state = new ArrayList<>(BruteForceModel.state(history, AsOf.eventTime(start)).values());
        boolean sameAsParent = parentStart != null
                && byTime.stream().noneMatch(e -> e.eventTimeMicros() > parentStart && e.eventTimeMicros() <= start);
        if ((state.isEmpty() || sameAsParent) && random.nextBoolean()) {
            return null;
        }
        // HashMap order is no contract; sorting first keeps a seed's files identical everywhere.
        state.sort(Comparator.comparing(row -> (String) row[0]));
        Collections.shuffle(state, random);
        String file = id + "_base.parquet";
        files.put(file, state);
        return file;
    }

    /** Up to {@code count} distinct whole milliseconds in [from, to], ascending; none when the range is empty. */
    private List<Long> pickMillis(long from, long to, int count) {
        List<Long> picked = new ArrayList<>();
        if (to < from) {
            return picked;
        }
        long slots = (to - from) / MS + 1;
        TreeSet<Long> chosen = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            chosen.add(from + random.nextLong(slots) * MS);
        }
        picked.addAll(chosen);
        return picked;
    }
}
