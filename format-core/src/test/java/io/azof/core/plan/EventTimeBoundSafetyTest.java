package io.azof.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Checks the rule {@link ScanFilter} rests on, with a model small enough to be obviously right and no
 * production code: filtering records by an event-time <em>lower</em> bound before the as-of merge gives the
 * same answer, after the engine re-applies the filter, as filtering only after the merge; an <em>upper</em>
 * bound does not (so the check is able to fail, and the rule excluding upper bounds is needed).
 */
class EventTimeBoundSafetyTest {
    /** One record of the table: a key's state at an event time, added by a version; a delete removes the key. */
    record Rec(String key, long eventTime, long version, boolean deleted, int payload) {
    }

    /** A row of an answer: the key, the winning record's event time and its payload. */
    record Row(String key, long eventTime, int payload) {
    }

    /** state(T, V) of SPEC section 1: per key, the record with the greatest (event time, version) among those at or before T. */
    static Set<Row> state(List<Rec> records, long asOf, long knownAtVersion) {
        Map<String, Rec> winners = new TreeMap<>();
        for (Rec rec : records) {
            if (rec.eventTime() > asOf || rec.version() > knownAtVersion) {
                continue;
            }
            Rec best = winners.get(rec.key());
            if (best == null || rec.eventTime() > best.eventTime()
                    || (rec.eventTime() == best.eventTime() && rec.version() > best.version())) {
                winners.put(rec.key(), rec);
            }
        }
        Set<Row> rows = new HashSet<>();
        for (Rec winner : winners.values()) {
            if (!winner.deleted()) {
                rows.add(new Row(winner.key(), winner.eventTime(), winner.payload()));
            }
        }
        return rows;
    }

    static Set<Row> filterRows(Set<Row> rows, LongPredicate onEventTime) {
        Set<Row> kept = new HashSet<>();
        for (Row row : rows) {
            if (onEventTime.test(row.eventTime())) {
                kept.add(row);
            }
        }
        return kept;
    }

    static List<Rec> filterRecords(List<Rec> records, LongPredicate onEventTime) {
        return records.stream().filter(r -> onEventTime.test(r.eventTime())).toList();
    }

    /** The answer when the filter acts only after the merge, as SPEC section 1 requires of unknown filters. */
    static Set<Row> filteredAfterTheMerge(List<Rec> records, long asOf, long version, LongPredicate onEventTime) {
        return filterRows(state(records, asOf, version), onEventTime);
    }

    /** The answer when the filter also prunes records before the merge, and the engine re-applies it after. */
    static Set<Row> filteredBeforeAndAfterTheMerge(List<Rec> records, long asOf, long version, LongPredicate onEventTime) {
        return filterRows(state(filterRecords(records, onEventTime), asOf, version), onEventTime);
    }

    /** A random small history: a few keys, close event times, several versions, some deletes. */
    record Case(List<Rec> records, long asOf, long version, long bound) {
    }

    static Case randomCase(long seed) {
        Random random = new Random(seed);
        List<Rec> records = new ArrayList<>();
        Set<String> keyTimeVersions = new HashSet<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            String key = "k" + random.nextInt(3);
            long eventTime = random.nextInt(10);
            long version = 1 + random.nextInt(3);
            // One version holds at most one record per key and event time (the write would fail otherwise).
            if (keyTimeVersions.add(key + "/" + eventTime + "/" + version)) {
                records.add(new Rec(key, eventTime, version, random.nextInt(4) == 0, random.nextInt(100)));
            }
        }
        long asOf = random.nextInt(5) == 0 ? Long.MAX_VALUE : random.nextInt(12) - 1;
        return new Case(records, asOf, 1 + random.nextInt(3), random.nextInt(12) - 1);
    }

    @Property(tries = 5000)
    void anEventTimeLowerBoundMayActBeforeTheMerge(@ForAll long seed) {
        Case c = randomCase(seed);
        LongPredicate atLeast = t -> t >= c.bound();
        Set<Row> truth = filteredAfterTheMerge(c.records(), c.asOf(), c.version(), atLeast);
        assertThat(filteredBeforeAndAfterTheMerge(c.records(), c.asOf(), c.version(), atLeast)).as("%s", c).isEqualTo(truth);
        // Pruning files, row groups or pages drops only some of the records below the bound: also the same answer.
        Random random = new Random(~seed);
        List<Rec> someDropped = c.records().stream().filter(r -> atLeast.test(r.eventTime()) || random.nextBoolean()).toList();
        assertThat(filteredAfterTheMerge(someDropped, c.asOf(), c.version(), atLeast)).as("%s less some, %s", c, someDropped)
                .isEqualTo(truth);
    }

    @Test
    void anEventTimeUpperBoundBeforeTheMergeChangesSomeAnswers() {
        int differing = 0;
        for (long seed = 0; seed < 2000; seed++) {
            Case c = randomCase(seed);
            LongPredicate atMost = t -> t <= c.bound();
            if (!filteredBeforeAndAfterTheMerge(c.records(), c.asOf(), c.version(), atMost)
                    .equals(filteredAfterTheMerge(c.records(), c.asOf(), c.version(), atMost))) {
                differing++;
            }
        }
        assertThat(differing).isPositive();
    }

    @Test
    void theStaleRowAnUpperBoundWouldSurface() {
        // k was 1 at time 2 and 7 at time 5. As of now, k is 7 (time 5): "event_time <= 3" filters it out.
        List<Rec> records = List.of(new Rec("k", 2, 1, false, 1), new Rec("k", 5, 1, false, 7));
        LongPredicate atMost3 = t -> t <= 3;
        assertThat(filteredAfterTheMerge(records, Long.MAX_VALUE, 1, atMost3)).isEmpty();
        // Pruning the newer record first lets the stale one win.
        assertThat(filteredBeforeAndAfterTheMerge(records, Long.MAX_VALUE, 1, atMost3)).containsExactly(new Row("k", 2, 1));
        // A lower bound keeps the newer record and everything that could beat it.
        LongPredicate atLeast3 = t -> t >= 3;
        assertThat(filteredBeforeAndAfterTheMerge(records, Long.MAX_VALUE, 1, atLeast3))
                .isEqualTo(filteredAfterTheMerge(records, Long.MAX_VALUE, 1, atLeast3))
                .containsExactly(new Row("k", 5, 7));
    }

    @Test
    void aDeleteNewerThanTheLowerBoundStillRemovesItsKey() {
        List<Rec> records = List.of(new Rec("k", 2, 1, false, 1), new Rec("k", 6, 2, true, 0), new Rec("j", 1, 1, false, 3));
        LongPredicate atLeast4 = t -> t >= 4;
        assertThat(filteredBeforeAndAfterTheMerge(records, Long.MAX_VALUE, 2, atLeast4)).isEmpty();
        assertThat(filteredAfterTheMerge(records, Long.MAX_VALUE, 2, atLeast4)).isEmpty();
        // Known at version 1, the delete is not there: k's row at time 2 is filtered out either way.
        assertThat(filteredBeforeAndAfterTheMerge(records, Long.MAX_VALUE, 1, atLeast4))
                .isEqualTo(filteredAfterTheMerge(records, Long.MAX_VALUE, 1, atLeast4)).isEmpty();
    }
}
