package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.maintenance.LegacyTableUpgrade.Conflict;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads an azof 0.2.1 table and its upgrade at many as-of times and reports where their answers differ.
 *
 * <p>The 0.2.1 side is always read through the core (a {@link io.azof.core.TableScan}).
 * The upgraded side is read the same way at the probes {@code throughCore} accepts; at the others its answer
 * is computed from the records as stored in its data files (read once), by the definition of section 6.1 of
 * the SPEC: per key the record with the greatest (event time, version) at or before T, absent if a delete.
 * That split only exists because reading a table of a million records at a thousand times through the
 * row-at-a-time reader takes far longer than a unit test may.
 *
 * <p>A difference is <em>explained</em> when it is one of the two things the upgrade reports instead of
 * reproducing (see {@link LegacyTableUpgrade.Result}): a probe before the source's first segment, where 0.2.1
 * returns nothing and the upgrade shows records older than that start; or a key whose rows differ only by
 * the payload of a reported {@link Conflict}. Anything else is <em>unexplained</em>, i.e. a bug.
 */
final class UpgradeComparison {
    static final long MS = 1_000L;
    static final long DAY = 86_400_000_000L;
    static final int SHOWN = 5;

    private UpgradeComparison() {
    }

    /**
     * Every distinct event time in the snapshot's files and every segment and delta bound, each also 1 ms
     * before and after; a day before all of them; and current. Without {@code neighboursOfEveryEventTime}, only
     * the bounds get the probes 1 ms either side: between two bounds, 1 ms before an event time reads what the
     * previous event time (or 1 ms after its bound) reads, so a large table is not read three times per event time.
     */
    static List<AsOf> probes(TableStorage storage, Snapshot snapshot, boolean neighboursOfEveryEventTime) {
        TreeSet<Long> eventTimes = new TreeSet<>();
        List<String> columns = snapshot.table().schema().fieldNames().subList(0, 2);
        for (String file : SegmentPlanner.everyFile(snapshot)) {
            try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, file, snapshot.table().schema(), columns)) {
                rows.forEachRemaining(row -> eventTimes.add((Long) row[1]));
            }
        }
        TreeSet<Long> bounds = new TreeSet<>();
        LegacyLayout.collectBounds(snapshot.segments(), bounds);
        TreeSet<Long> withNeighbours = new TreeSet<>(bounds);
        TreeSet<Long> instants = new TreeSet<>(bounds);
        instants.addAll(eventTimes);
        if (neighboursOfEveryEventTime) {
            withNeighbours.addAll(eventTimes);
        }
        List<AsOf> probes = new ArrayList<>();
        probes.add(AsOf.current());
        if (!instants.isEmpty()) {
            probes.add(AsOf.eventTime(instants.first() - DAY));
        }
        for (long instant : instants) {
            if (withNeighbours.contains(instant)) {
                probes.add(AsOf.eventTime(instant - MS));
            }
            probes.add(AsOf.eventTime(instant));
            if (withNeighbours.contains(instant)) {
                probes.add(AsOf.eventTime(instant + MS));
            }
        }
        return probes.stream().distinct().toList();
    }

    /** The table's rows as of {@code asOf} through the core, all payload columns. */
    static List<Object[]> read(TableStorage storage, Snapshot snapshot, AsOf asOf) {
        List<Object[]> rows = new ArrayList<>();
        ScanTask task = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(asOf).select(snapshot.table().payloadColumns()).planSingleTask();
        try (CloseableIterator<Object[]> it = task.open(storage, new ScanMetrics())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** Rows as value lists sorted by key then event time: order-insensitive, and a repeated key shows up. */
    static List<List<Object>> sorted(Collection<Object[]> rows) {
        return rows.stream()
                .map(row -> Arrays.asList(row.clone()))
                .sorted(Comparator.comparing((List<Object> r) -> (String) r.get(0)).thenComparing(r -> (Long) r.get(1)))
                .toList();
    }

    /**
     * The records of a format version 2 table as its data files store them: key -> event time -> row
     * {@code [key, eventTimeMicros, payload...]}. Checks what an upgrade promises about them: one record per
     * (key, event time), no deletes, all added by version 1.
     */
    static Map<String, TreeMap<Long, Object[]>> storedRecords(TableStorage storage, Snapshot snapshot) {
        List<String> columns = new ArrayList<>(snapshot.table().schema().fieldNames());
        columns.add(DataFileSchema.DELETED_COLUMN);
        columns.add(DataFileSchema.VERSION_COLUMN);
        // In key order, so each state is too and sorting it for the comparison costs one pass.
        Map<String, TreeMap<Long, Object[]>> records = new TreeMap<>();
        for (Segment segment : snapshot.segments()) {
            for (DeltaFile file : segment.deltas()) {
                assertThat(file.stats().addedVersion()).as("version that added %s", file.file()).isEqualTo(1L);
                try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, file.file(), DataFileSchema.of(snapshot.table()),
                        columns)) {
                    rows.forEachRemaining(row -> {
                        assertThat(row[row.length - 2]).as("delete flag in %s", file.file()).isEqualTo(false);
                        assertThat(row[row.length - 1] == null || Objects.equals(row[row.length - 1], 1L))
                                .as("record version in %s", file.file()).isTrue();
                        Object[] record = Arrays.copyOf(row, row.length - 2);
                        Object[] previous = records.computeIfAbsent((String) row[0], k -> new TreeMap<>()).put((Long) row[1], record);
                        assertThat(previous).as("a second record of key %s at %s", row[0], row[1]).isNull();
                    });
                }
            }
        }
        return records;
    }

    /** The answer at {@code asOf} by definition, from {@link #storedRecords}. */
    static List<Object[]> stateOf(Map<String, TreeMap<Long, Object[]>> records, AsOf asOf) {
        List<Object[]> rows = new ArrayList<>();
        for (TreeMap<Long, Object[]> byTime : records.values()) {
            Map.Entry<Long, Object[]> latest = asOf.isCurrent() ? byTime.lastEntry() : byTime.floorEntry(asOf.micros());
            if (latest != null) {
                rows.add(latest.getValue());
            }
        }
        return rows;
    }

    /** What one comparison found. */
    record Outcome(int probes, int probesThroughCore, long rowsCompared, int identical, int explainedBeforeFirstSegment,
                   int explainedByConflicts, List<String> unexplained) {
        int explained() {
            return explainedBeforeFirstSegment + explainedByConflicts;
        }

        String summary() {
            return probes + " as-of probes (" + probesThroughCore + " read through the core on both sides), " + rowsCompared
                    + " rows: " + identical + " identical, " + explainedBeforeFirstSegment + " differ only before the first segment, "
                    + explainedByConflicts + " only by reported conflicts, " + unexplained.size() + " unexplained";
        }
    }

    /** Compares the two tables at every probe (in parallel: the reads are independent). */
    static Outcome compare(TableStorage legacy, TableStorage upgraded, LegacyTableUpgrade.Result result, List<AsOf> probes,
                           Predicate<AsOf> throughCore) {
        Snapshot legacySnapshot = Table.forStorage(legacy).latestSnapshot();
        Snapshot upgradedSnapshot = Table.forStorage(upgraded).latestSnapshot();
        Map<String, TreeMap<Long, Object[]>> stored = probes.stream().allMatch(throughCore)
                ? Map.of() : storedRecords(upgraded, upgradedSnapshot);
        Set<String> conflicts = new HashSet<>();
        result.conflicts().forEach(c -> conflicts.add(c.key() + "@" + c.eventTimeMicros()));
        List<String> unexplained = Collections.synchronizedList(new ArrayList<>());
        int[] counts = new int[5];
        long rows = probes.parallelStream().mapToLong(asOf -> {
            boolean core = throughCore.test(asOf);
            List<Object[]> expected = read(legacy, legacySnapshot, asOf);
            List<Object[]> actual = core ? read(upgraded, upgradedSnapshot, asOf) : stateOf(stored, asOf);
            Kind kind = classify(asOf, expected, actual, result.firstSegmentStartMicros(), conflicts, unexplained);
            synchronized (counts) {
                counts[kind.ordinal()]++;
                counts[4] += core ? 1 : 0;
            }
            return expected.size();
        }).sum();
        return new Outcome(probes.size(), counts[4], rows, counts[Kind.IDENTICAL.ordinal()], counts[Kind.BEFORE_FIRST_SEGMENT.ordinal()],
                counts[Kind.CONFLICTS.ordinal()], List.copyOf(unexplained));
    }

    enum Kind { IDENTICAL, BEFORE_FIRST_SEGMENT, CONFLICTS, UNEXPLAINED }

    private static Kind classify(AsOf asOf, List<Object[]> expectedRows, List<Object[]> actualRows, Long firstStart,
                                 Set<String> conflicts, List<String> unexplained) {
        List<List<Object>> expectedSorted = sorted(expectedRows);
        List<List<Object>> actualSorted = sorted(actualRows);
        if (expectedSorted.equals(actualSorted)) {
            return Kind.IDENTICAL;
        }
        Map<String, List<Object>> expected = byKey(expectedSorted, unexplained, asOf, "0.2.1");
        Map<String, List<Object>> actual = byKey(actualSorted, unexplained, asOf, "upgrade");
        boolean beforeFirst = !asOf.isCurrent() && firstStart != null && asOf.micros() < firstStart;
        Set<String> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> bad = new ArrayList<>();
        for (String key : keys) {
            List<Object> e = expected.get(key);
            List<Object> a = actual.get(key);
            if (Objects.equals(e, a)) {
                continue;
            }
            boolean ok = beforeFirst
                    ? e == null && (Long) a.get(1) < firstStart
                    : e != null && a != null && e.get(1).equals(a.get(1)) && conflicts.contains(key + "@" + e.get(1));
            if (!ok) {
                bad.add("key " + key + ": 0.2.1 " + e + ", upgrade " + a);
            }
        }
        if (!bad.isEmpty()) {
            unexplained.add(describe(asOf) + ": 0.2.1 returns " + expected.size() + " rows, the upgrade " + actual.size() + "; "
                    + bad.size() + " keys differ: " + (bad.size() <= SHOWN ? bad : bad.subList(0, SHOWN) + " ..."));
            return Kind.UNEXPLAINED;
        }
        return beforeFirst ? Kind.BEFORE_FIRST_SEGMENT : Kind.CONFLICTS;
    }

    private static Map<String, List<Object>> byKey(List<List<Object>> rows, List<String> unexplained, AsOf asOf, String side) {
        Map<String, List<Object>> byKey = new HashMap<>();
        for (List<Object> row : rows) {
            if (byKey.put((String) row.get(0), row) != null) {
                unexplained.add(describe(asOf) + ": the " + side + " returns key " + row.get(0) + " twice");
            }
        }
        return byKey;
    }

    static String describe(AsOf asOf) {
        return "as of " + (asOf.isCurrent() ? "current" : asOf + " (" + asOf.micros() + " µs)");
    }
}
