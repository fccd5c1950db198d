package io.azof.core.coverage;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitGuard;
import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.exceptions.OverlapException;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.testing.PricesTable;
import io.azof.core.testing.SnapshotRaceGate;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.write.PreparedWrite;
import io.azof.core.write.WriteOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent appends into one (key, slot) under the overlap policies (SPEC "Overlap policy for appends": both decide
 * against the version the append finally commits on): under {@code error} exactly one succeeds and the others fail with
 * {@link OverlapException}; under {@code skip} exactly one writes the slot, the others drop their row there and commit the
 * rest. Every round stages the race with a {@link SnapshotRaceGate}: each writer has decided against the same version before
 * any of them creates the next one, so all but one must decide again on a retry.
 *
 * <p>The control runs the same race with the decision made once, against the version the append read first (the real guard
 * wrapped so that later attempts reuse its first answer), and must see several appends write the slot: the checks here
 * would catch an overlap check done only before the commit.
 */
class OverlapRaceTest {
    private static final int WRITERS = 4;
    /** Each round stages the race deterministically (the gate), so a few rounds suffice; the suite's time budget is tight. */
    private static final int ROUNDS = 3;
    /** The control lets every writer through in every round (all decide against version 1): one round per policy shows it. */
    private static final int CONTROL_ROUNDS = 2;
    /** The contended slot, 1-hour coverage: [10:00, 11:00) on 2 January 2024. Writer i writes key A at 10:00 + 5i minutes. */
    private static final Instant SLOT_START = instant("2024-01-02T10:00:00Z");
    private static final Instant SLOT_END = instant("2024-01-02T11:00:00Z");

    @TempDir
    Path dir;

    /** One race: what each writer's append did, and the table it raced on. */
    private record Round(PricesTable prices, List<CommitResult> results, List<Throwable> failures) {
    }

    private static long writerTime(int writer) {
        return micros("2024-01-02T10:00:00Z") + writer * 5 * 60_000_000L;
    }

    /**
     * Writer {@code i}'s rows: key A in the contended slot, and a key of its own (K{@code i}) at the same time, which only its
     * own append holds: under skip it commits whatever happens to A's row, under error only with it.
     */
    private static List<Object[]> writerRows(int writer) {
        return List.of(new Object[] {"A", writerTime(writer), 100L + writer, false}, new Object[] {"K" + writer, writerTime(writer), 200L + writer, false});
    }

    /** A table with 1-hour coverage and two buckets whose key A has data in the slot before the contended one only. */
    private PricesTable seededTable(String name) {
        PricesTable prices = new PricesTable(dir.resolve(name), WriteOptions.append().withLayout(SegmentGranularity.DAY, 2)
                .withCoverageGranularity(CoverageGranularity.parse("1h")));
        prices.write(new Object[] {"A", micros("2024-01-02T09:30:00Z"), 0L, false}, new Object[] {"B", micros("2024-01-02T10:30:00Z"), 1L, false});
        return prices;
    }

    /** How one writer commits its rows through the gated storage it races on. */
    @FunctionalInterface
    private interface Append {
        CommitResult commit(TableStorage raced, PricesTable prices, List<Object[]> rows);
    }

    private Round race(String name, Append append) throws Exception {
        PricesTable prices = seededTable(name);
        SnapshotRaceGate gate = new SnapshotRaceGate(WRITERS, 3);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                TableStorage raced = gate.storage(prices.storage);
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return append.commit(raced, prices, writerRows(writer));
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<CommitResult> results = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (Future<Object> future : futures) {
                Object outcome = future.get(120, TimeUnit.SECONDS);
                if (outcome instanceof CommitResult result) {
                    results.add(result);
                } else {
                    failures.add((Throwable) outcome);
                }
            }
            return new Round(prices, results, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The public write path: the append's guard decides on every attempt. */
    private static Append through(OverlapPolicy policy) {
        return (raced, prices, rows) -> Table.forStorage(raced).newWrite(prices.options().withOnOverlap(policy)).rows(PricesTable.INPUT, rows).commit();
    }

    /**
     * The same append with its overlap decided once: the real guard's first answer, against the first version the commit
     * tried, reused on every retry. This is what checking coverage before committing amounts to.
     */
    private static Append decidedOnce(OverlapPolicy policy) {
        return (raced, prices, rows) -> {
            PreparedWrite prepared = PreparedWrite.prepare(raced, PricesTable.INPUT, prices.options().withOnOverlap(policy));
            List<NewDataFile> files = prepared.writeFiles(raced, rows);
            PendingCommit pending = prepared.commitOf(raced, files);
            CommitGuard real = pending.guard();
            AtomicReference<CommitGuard.Decision> first = new AtomicReference<>();
            CommitGuard once = (latest, written) -> {
                if (first.get() == null) {
                    first.set(real.decide(latest, written));
                }
                return first.get();
            };
            return new SnapshotCommitter(raced).commit(pending.withGuard(once));
        };
    }

    /**
     * The writers whose row of key A in the contended slot the table holds: writer i's row is there exactly when A reads
     * writer i's price as of its time (their times differ, so a later writer's row cannot hide an earlier one's).
     */
    private static Set<Integer> writersOfTheSlot(PricesTable prices) {
        Set<Integer> writers = new TreeSet<>();
        for (int w = 0; w < WRITERS; w++) {
            Map<String, Long> state = prices.read(AsOf.eventTime(writerTime(w)), VersionSelector.latest(), new ScanMetrics());
            if (Long.valueOf(100L + w).equals(state.get("A"))) {
                writers.add(w);
            }
        }
        return writers;
    }

    /** The writer whose append created {@code result}'s version: the one whose own key that version added. */
    private static int writerOf(CommitResult result, Round round) {
        Map<String, Long> after = round.prices().read(AsOf.current(), VersionSelector.version(result.version()), new ScanMetrics());
        Map<String, Long> before = round.prices().read(AsOf.current(), VersionSelector.version(result.version() - 1), new ScanMetrics());
        for (int w = 0; w < WRITERS; w++) {
            if (after.containsKey("K" + w) && !before.containsKey("K" + w)) {
                return w;
            }
        }
        throw new AssertionError("version " + result.version() + " added no writer's own key");
    }

    @Test
    void underErrorExactlyOneOfTheConcurrentAppendsIntoASlotSucceeds() throws Exception {
        int retried = 0;
        for (int r = 0; r < ROUNDS; r++) {
            Round round = race("error-" + r, through(OverlapPolicy.ERROR));

            assertThat(round.results()).as("round %d: appends that succeeded", r).hasSize(1);
            CommitResult winner = round.results().get(0);
            assertThat(winner.version()).isEqualTo(2);
            assertThat(round.failures()).as("round %d", r).hasSize(WRITERS - 1).allSatisfy(failure ->
                    assertThat(failure).isInstanceOfSatisfying(OverlapException.class, e -> {
                        assertThat(e.key()).isEqualTo("(ticker=A)");
                        assertThat(e.slotStart()).isEqualTo(SLOT_START);
                        assertThat(e.slotEnd()).isEqualTo(SLOT_END);
                        assertThat(e.rows()).isEqualTo(1);
                        // Each loser decided again on its retry, against the winner's version.
                        assertThat(e.version()).isEqualTo(2);
                    }));
            retried += WRITERS - 1;
            PricesTable prices = round.prices();
            assertThat(prices.table.latestVersion()).as("round %d: only the winner committed", r).isEqualTo(2);
            int winnerId = writerOf(winner, round);
            assertThat(writersOfTheSlot(prices)).as("round %d: writers of A's slot", r).containsExactly(winnerId);
            Map<String, Long> current = prices.read(AsOf.current(), VersionSelector.latest(), new ScanMetrics());
            for (int w = 0; w < WRITERS; w++) {
                // A loser committed nothing, its own key included.
                assertThat(current.containsKey("K" + w)).as("round %d: K%d", r, w).isEqualTo(w == winnerId);
            }
            assertThat(prices.table.coverage(SLOT_START, SLOT_END).compute().key("A").coverage().coveredSlots()).isEqualTo(1);
        }
        System.out.printf("OverlapRaceTest error: %d rounds of %d writers, %d appends failed with OverlapException after a retry%n", ROUNDS,
                WRITERS, retried);
    }

    @Test
    void underSkipExactlyOneOfTheConcurrentAppendsWritesTheSlot() throws Exception {
        int dropped = 0;
        int retries = 0;
        for (int r = 0; r < ROUNDS; r++) {
            Round round = race("skip-" + r, through(OverlapPolicy.SKIP));

            assertThat(round.failures()).as("round %d", r).isEmpty();
            assertThat(round.results()).as("round %d: every append commits its own key", r).hasSize(WRITERS)
                    .noneMatch(CommitResult::skipped);
            assertThat(round.results()).extracting(CommitResult::version).as("round %d: versions", r)
                    .containsExactlyInAnyOrder(2L, 3L, 4L, 5L); // WRITERS appends after the seed
            List<CommitResult> keptTheRow = round.results().stream().filter(result -> result.rowsDropped() == 0).toList();
            assertThat(keptTheRow).as("round %d: appends that kept their row of A", r).hasSize(1);
            assertThat(round.results()).filteredOn(result -> result.rowsDropped() > 0).as("round %d", r)
                    .allSatisfy(result -> assertThat(result.rowsDropped()).isEqualTo(1));
            PricesTable prices = round.prices();
            int writer = writerOf(keptTheRow.get(0), round);
            assertThat(writersOfTheSlot(prices)).as("round %d: writers of A's slot", r).containsExactly(writer);
            Map<String, Long> current = prices.read(AsOf.current(), VersionSelector.latest(), new ScanMetrics());
            for (int w = 0; w < WRITERS; w++) {
                assertThat(current).as("round %d", r).containsEntry("K" + w, 200L + w);
            }
            dropped += WRITERS - 1;
            retries += round.results().stream().mapToInt(result -> result.attempts() - 1).sum();
        }
        System.out.printf("OverlapRaceTest skip: %d rounds of %d writers, %d rows dropped, %d retried attempts%n", ROUNDS, WRITERS, dropped,
                retries);
    }

    @Test
    void controlAnOverlapDecidedOnlyAgainstTheFirstVersionTriedLetsSeveralAppendsWriteTheSlot() throws Exception {
        int roundsWithSeveralWriters = 0;
        List<Integer> writersPerRound = new ArrayList<>();
        for (int r = 0; r < CONTROL_ROUNDS; r++) {
            OverlapPolicy policy = r % 2 == 0 ? OverlapPolicy.ERROR : OverlapPolicy.SKIP;
            Round round = race("control-" + r, decidedOnce(policy));

            int writers = writersOfTheSlot(round.prices()).size();
            writersPerRound.add(writers);
            if (writers > 1) {
                roundsWithSeveralWriters++;
            }
        }
        System.out.printf("OverlapRaceTest control: writers of the slot per round %s (error and skip alternating); %d of %d rounds had several%n",
                writersPerRound, roundsWithSeveralWriters, CONTROL_ROUNDS);
        assertThat(roundsWithSeveralWriters).as("rounds in which a decision made once let several appends write the slot").isPositive();
    }
}
