package io.azof.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.io.CloseableIterator;
import io.azof.core.time.AsOf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The loser-tree merge against a brute-force {@code state(T)} on random sorted runs: many runs (1..40, so
 * the tree is unbalanced), several records per key in one run, the same (key, event time) in runs of other
 * versions, explicit per-record versions (as compacted files carry), deletes, and probes at, between and
 * around every event time.
 */
class SortedRunMergerModelTest {
    private static final int LAYOUTS = 400;
    private static final Comparator<Object[]> BY_INT_KEY = Comparator.comparingInt(row -> (Integer) row[0]);

    /** One record: [key, eventTime, payload, deleted, explicit version or null]. */
    private record Rec(int key, long eventTime, String payload, boolean deleted, Long explicitVersion, long runVersion) {
        long version() {
            return explicitVersion == null ? runVersion : explicitVersion;
        }

        Object[] row() {
            return new Object[] {key, eventTime, payload, deleted, explicitVersion};
        }
    }

    @Test
    void mergeEqualsTheModelOnRandomRuns() {
        Random random = new Random(20_261_122L);
        int reads = 0;
        long returned = 0;
        for (int layout = 0; layout < LAYOUTS; layout++) {
            List<List<Rec>> runs = randomRuns(random);
            List<Long> probes = new ArrayList<>();
            runs.forEach(run -> run.forEach(rec -> {
                probes.add(rec.eventTime() - 1);
                probes.add(rec.eventTime());
                probes.add(rec.eventTime() + 1);
            }));
            probes.add(Long.MIN_VALUE);
            for (long probe : probes) {
                AsOf asOf = AsOf.eventTime(probe);
                Map<Integer, String> merged = merge(runs, asOf);
                assertThat(merged).as("layout %d as of %d: %s", layout, probe, runs).isEqualTo(model(runs, asOf));
                returned += merged.size();
                reads++;
            }
            assertThat(merge(runs, AsOf.current())).isEqualTo(model(runs, AsOf.current()));
        }
        System.out.printf("SortedRunMergerModelTest: %d layouts, %d reads, %d rows returned, 0 mismatches%n", LAYOUTS, reads, returned);
        assertThat(returned).isPositive();
    }

    @Test
    void countsRecordsMergedAndKeysReturned() {
        List<List<Rec>> runs = List.of(
                List.of(new Rec(1, 10, "a1", false, null, 1), new Rec(2, 10, "b1", false, null, 1)),
                List.of(new Rec(1, 20, "a2", false, null, 2), new Rec(2, 20, null, true, null, 2), new Rec(3, 99, "c", false, null, 2)));
        SortedRunMerger<RowRunCursor> merger = merger(runs, AsOf.eventTime(50));
        assertThat(collect(merger)).containsExactly(Map.entry(1, "a2"));
        // Key 1: a1 is shadowed by a2. Key 2: b1 is shadowed and the winning delete is not returned. Key 3 is after T.
        assertThat(merger.recordsMerged()).isEqualTo(4);
        assertThat(merger.keysReturned()).isEqualTo(1);
    }

    private static List<List<Rec>> randomRuns(Random random) {
        int runCount = 1 + random.nextInt(random.nextBoolean() ? 5 : 40);
        int keys = 1 + random.nextInt(12);
        List<List<Rec>> runs = new ArrayList<>();
        // Every version is distinct, as commits are, so no two records share (key, event time, version); run
        // versions and per-record versions come from one shuffled pool so that either may be the newer.
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= runCount + 12L * runCount; v++) {
            versions.add(v);
        }
        Collections.shuffle(versions, random);
        Iterator<Long> freshVersions = versions.iterator();
        for (int r = 0; r < runCount; r++) {
            long runVersion = freshVersions.next();
            boolean explicitVersions = random.nextInt(4) == 0;
            TreeMap<Integer, TreeMap<Long, Rec>> byKey = new TreeMap<>();
            int records = random.nextInt(12);
            for (int i = 0; i < records; i++) {
                int key = random.nextInt(keys);
                long eventTime = 10L * random.nextInt(8);
                Long explicit = explicitVersions ? freshVersions.next() : null;
                boolean deleted = random.nextInt(5) == 0;
                byKey.computeIfAbsent(key, k -> new TreeMap<>())
                        .put(eventTime, new Rec(key, eventTime, deleted ? null : "r" + r + "k" + key + "t" + eventTime,
                                deleted, explicit, runVersion));
            }
            List<Rec> run = new ArrayList<>();
            byKey.values().forEach(times -> run.addAll(times.values()));
            runs.add(run);
        }
        return runs;
    }

    private static Map<Integer, String> merge(List<List<Rec>> runs, AsOf asOf) {
        return collect(merger(runs, asOf));
    }

    private static SortedRunMerger<RowRunCursor> merger(List<List<Rec>> runs, AsOf asOf) {
        List<RowRunCursor> cursors = new ArrayList<>();
        for (List<Rec> run : runs) {
            long runVersion = run.isEmpty() ? 1 : run.get(0).runVersion();
            cursors.add(new RowRunCursor(iterator(run), runVersion, 1, BY_INT_KEY, asOf));
        }
        return new SortedRunMerger<>(cursors);
    }

    private static Map<Integer, String> collect(SortedRunMerger<RowRunCursor> merger) {
        Map<Integer, String> result = new LinkedHashMap<>();
        Integer previousKey = null;
        for (RowRunCursor winner = merger.next(); winner != null; winner = merger.next()) {
            Object[] record = winner.previousRecord();
            int key = (Integer) record[0];
            assertThat(previousKey == null || previousKey < key).as("keys ascend").isTrue();
            previousKey = key;
            result.put(key, (String) record[2]);
        }
        return result;
    }

    /** state(T): per key, the record with the greatest (event time, version) at or before T; absent when a delete. */
    private static Map<Integer, String> model(List<List<Rec>> runs, AsOf asOf) {
        Map<Integer, Rec> best = new HashMap<>();
        for (List<Rec> run : runs) {
            for (Rec rec : run) {
                if (!asOf.includes(rec.eventTime())) {
                    continue;
                }
                Rec current = best.get(rec.key());
                if (current == null || rec.eventTime() > current.eventTime()
                        || rec.eventTime() == current.eventTime() && rec.version() > current.version()) {
                    best.put(rec.key(), rec);
                }
            }
        }
        Map<Integer, String> state = new HashMap<>();
        best.forEach((key, rec) -> {
            if (!rec.deleted()) {
                state.put(key, rec.payload());
            }
        });
        return state;
    }

    private static CloseableIterator<Object[]> iterator(List<Rec> run) {
        Iterator<Rec> records = run.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Object[] next() {
                return records.next().row();
            }

            @Override
            public void close() {
            }
        };
    }
}
