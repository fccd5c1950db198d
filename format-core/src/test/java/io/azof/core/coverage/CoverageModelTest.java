package io.azof.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.azof.core.CoverageQuery;
import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.OverlapException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.slots.SlotCoverage;
import io.azof.core.slots.SlotRange;
import io.azof.core.testing.InProcessChmodFileSystem;
import io.azof.core.testing.PricesTable;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.VersionedModel;
import io.azof.core.testing.VersionedModel.Row;
import io.azof.core.testing.VersionedModel.VersionedRecord;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.hadoop.conf.Configuration;

/**
 * Coverage and the overlap policies of appends (SPEC "Overwrite", "Coverage: which event-time slots hold data" and "Overlap
 * policy for appends") against a brute-force model, on random histories of one table: appends (upserts, deletes, late rows
 * into earlier slots, corrections at the very key and time of earlier records), appends with {@code onOverlap=error} and
 * {@code skip} (or the table's {@code overlapPolicy}), overwrites, compactions (bases and merged runs, by hand and after
 * writes), expiry, vacuum, and changes of {@code coverageGranularity} (backfill) and {@code overlapPolicy}.
 *
 * <p>The model keeps every version's records ({@link VersionedModel}) and its granularity, and computes
 * {@code covered(k, s, V)} from V's upserts alone. Each error or skip append is predicted from the latest version's records:
 * which rows are dropped, whether it fails, and for a failure the key (first in key order), the slot (its first overlapping
 * one) and the append's rows there. After every step, random retained versions are asked random ranges: the keys reported,
 * per key and table-wide covered and total slots, ratio, longest gap and the gaps, and the last fully covered window; as-of
 * reads of those versions must equal the model's {@code state(T, V)}, so rows a skip dropped are never visible.
 */
class CoverageModelTest {
    private static final Configuration HADOOP = InProcessChmodFileSystem.configuration();
    private static final long MINUTE = 60_000_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** Event times fall in a window of this many days (and around it when a row aims at a covered slot). */
    private static final int WINDOW_DAYS = 4;
    private static final List<String> KEYS = List.of("A", "B", "C", "D", "E");
    /** 2d slots straddle the tables' DAY segments, so one slot's rows of one key can be in two data files of one append. */
    private static final List<String> GRANULARITIES = List.of("1h", "6h", "12h", "1d", "2d");

    private static final Map<String, AtomicLong> COUNTS = Collections.synchronizedMap(new TreeMap<>());

    private static void count(String what) {
        count(what, 1);
    }

    private static void count(String what, long n) {
        COUNTS.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    @Property(tries = 10)
    void coverageAndOverlapDecisionsMatchTheModel(@ForAll long seed) throws IOException {
        long started = System.nanoTime();
        try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-coverage-model-")) {
            new Run(seed, temp.path()).run();
        }
        count("tries");
        count("milliseconds spent (for the suite's time budget)", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterContainer
    static void report() {
        StringBuilder text = new StringBuilder("CoverageModelTest counts:");
        synchronized (COUNTS) {
            COUNTS.forEach((what, n) -> text.append("\n  ").append(what).append(": ").append(n.get()));
        }
        System.out.println(text);
    }

    private static final class Run {
        final long seed;
        final Random random;
        final TableStorage storage;
        final Table table;
        final VersionedModel model = new VersionedModel();
        /** Per version, its coverage granularity; absent (null) for versions of a table that records none. */
        final Map<Long, CoverageGranularity> granularityOf = new HashMap<>();
        final StringBuilder log = new StringBuilder();
        final int buckets;
        final boolean autoCompact;
        final long windowStart;
        OverlapPolicy tablePolicy = OverlapPolicy.ALLOW;
        long earliestRetained = 1;
        long nextPrice = 1;

        Run(long seed, Path dir) {
            this.seed = seed;
            this.random = new Random(seed);
            this.storage = TestTables.localStorage(dir, HADOOP);
            this.table = Table.forStorage(storage);
            this.buckets = 1 + random.nextInt(3);
            this.autoCompact = random.nextInt(3) == 0;
            // A third of the tables hold data on both sides of 1970: negative slots and segments before the epoch.
            this.windowStart = random.nextInt(3) == 0 ? Micros.of(Instant.parse("1969-12-30T00:00:00Z"))
                    : Micros.of(Instant.parse("2024-03-01T00:00:00Z"));
        }

        void run() {
            String granularity = random.nextInt(5) == 0 ? null : GRANULARITIES.get(random.nextInt(GRANULARITIES.size()));
            log.append("seed ").append(seed).append(", ").append(buckets).append(" bucket(s), autoCompact ").append(autoCompact)
                    .append(", window from ").append(Micros.toInstant(windowStart)).append(", coverageGranularity ").append(granularity);
            create(granularity);
            check();
            int steps = 6 + random.nextInt(5);
            for (int i = 0; i < steps; i++) {
                step();
                check();
            }
        }

        // Steps

        private void step() {
            int roll = random.nextInt(100);
            if (roll < 14) {
                append(random.nextBoolean() ? null : OverlapPolicy.ALLOW);
            } else if (roll < 34) {
                append(OverlapPolicy.ERROR);
            } else if (roll < 54) {
                append(OverlapPolicy.SKIP);
            } else if (roll < 60) {
                append(null);
            } else if (roll < 66) {
                overwrite();
            } else if (roll < 75) {
                compact();
            } else if (roll < 81) {
                expire();
            } else if (roll < 86) {
                vacuum();
            } else if (roll < 94) {
                changeGranularity();
            } else {
                changePolicy();
            }
        }

        private WriteOptions options(WriteOptions.Mode mode) {
            return WriteOptions.of(mode).withKeyColumns("ticker").withEventTimeColumn("at").withDeleteColumn("gone");
        }

        private CommitResult write(WriteOptions options, List<Object[]> rows) {
            return table.newWrite(options).rows(PricesTable.INPUT, rows).commit();
        }

        private void create(String granularity) {
            WriteOptions options = options(WriteOptions.Mode.APPEND).withLayout(SegmentGranularity.DAY, buckets)
                    .withAutoCompaction(autoCompact ? AutoCompaction.defaults().withMaxRuns(2) : TestTables.NO_AUTO_COMPACTION);
            if (granularity != null) {
                options = options.withCoverageGranularity(CoverageGranularity.parse(granularity));
            }
            List<Object[]> rows = rows(2, 8, null, 0);
            CommitResult result = write(options, rows);
            assertThat(result.version()).as("%s", this).isEqualTo(1);
            commitToModel(false, rows, granularity == null ? null : CoverageGranularity.parse(granularity));
            log.append("\n  v1: create with ").append(describe(rows));
            followCompactionsAfterWrite();
        }

        /** @param option the append's onOverlap; null to go by the table's overlapPolicy */
        private void append(OverlapPolicy option) {
            OverlapPolicy policy = option != null ? option : tablePolicy;
            long latest = model.latestVersion();
            CoverageGranularity granularity = granularityOf.get(latest);
            // Error appends are kept small and aim less often at covered slots, so that some of them find no overlap and commit.
            List<Object[]> rows = policy == OverlapPolicy.ERROR ? rows(1, 3, granularity, 25)
                    : rows(1, 6, policy == OverlapPolicy.SKIP ? granularity : null, 45);
            WriteOptions options = option == null ? options(WriteOptions.Mode.APPEND) : options(WriteOptions.Mode.APPEND).withOnOverlap(option);
            String what = "append (onOverlap=" + (option == null ? "table's " + tablePolicy.text() : option.text()) + ") of " + describe(rows);
            if (policy != OverlapPolicy.ALLOW && granularity == null) {
                assertThatThrownBy(() -> write(options, rows)).as("%s needs coverage; %s", what, this)
                        .isInstanceOf(InvalidOptionException.class).hasMessageContaining("coverageGranularity");
                assertThat(table.latestVersion()).isEqualTo(latest);
                log.append("\n  refused (no coverage): ").append(what);
                count("appends refused for want of coverage");
                return;
            }
            // The rows the policy finds in slots the latest version covers for their key: upserts only.
            List<Object[]> overlapping = new ArrayList<>();
            if (policy != OverlapPolicy.ALLOW) {
                Map<String, NavigableSet<Long>> covered = covered(latest, granularity);
                for (Object[] row : rows) {
                    if (!isDelete(row) && covered.getOrDefault(key(row), Collections.emptyNavigableSet()).contains(granularity.slotOf(time(row)))) {
                        overlapping.add(row);
                    }
                }
            }
            if (policy == OverlapPolicy.ERROR && !overlapping.isEmpty()) {
                expectOverlapError(options, rows, overlapping, granularity, latest, what);
                return;
            }
            CommitResult result = write(options, rows);
            List<Object[]> kept = new ArrayList<>(rows);
            kept.removeAll(overlapping);
            assertThat(result.rowsDropped()).as("rows dropped by %s; %s", what, this).isEqualTo(overlapping.size());
            if (policy == OverlapPolicy.SKIP) {
                count("skip decisions");
                count("skip rows dropped", overlapping.size());
                count(overlapping.isEmpty() ? "skip decisions dropping nothing"
                        : kept.isEmpty() ? "skip decisions dropping every row (nothing committed)" : "skip decisions dropping some rows");
            } else if (policy == OverlapPolicy.ERROR) {
                count("error decisions");
                count("error decisions committing (no overlap)");
            } else {
                count("allow appends");
            }
            if (kept.isEmpty()) {
                assertThat(result.skipped()).as("%s commits nothing; %s", what, this).isTrue();
                assertThat(result.version()).isEqualTo(latest);
                log.append("\n  nothing committed (").append(overlapping.size()).append(" dropped): ").append(what);
            } else {
                assertThat(result.skipped()).as("%s commits; %s", what, this).isFalse();
                assertThat(result.version()).as("version of %s; %s", what, this).isEqualTo(latest + 1);
                commitToModel(false, kept, granularity);
                log.append("\n  v").append(result.version()).append(": ").append(what)
                        .append(overlapping.isEmpty() ? "" : ", dropped " + describe(overlapping));
                // Read right at the times of dropped rows, where one would show if it had been written.
                for (Object[] droppedRow : overlapping.subList(0, Math.min(2, overlapping.size()))) {
                    checkReads(result.version(), time(droppedRow));
                    count("as-of reads at a dropped row's time");
                }
            }
            followCompactionsAfterWrite();
        }

        /**
         * The failure names the first key in key order among the overlapping rows, that key's first overlapping slot, and the
         * append's upserts of that key in that slot (all of which overlap, the slot being covered); it commits nothing.
         */
        private void expectOverlapError(WriteOptions options, List<Object[]> rows, List<Object[]> overlapping, CoverageGranularity granularity,
                                        long latest, String what) {
            String key = overlapping.stream().map(Run::key).min(String::compareTo).orElseThrow();
            long slot = overlapping.stream().filter(r -> key(r).equals(key)).mapToLong(r -> granularity.slotOf(time(r))).min().orElseThrow();
            long rowsThere = rows.stream().filter(r -> !isDelete(r) && key(r).equals(key) && granularity.slotOf(time(r)) == slot).count();
            Throwable thrown = catchThrowable(() -> write(options, rows));
            long width = granularity.micros();
            assertThat(thrown).as("%s; %s", what, this).isInstanceOfSatisfying(OverlapException.class, e -> {
                assertThat(e.key()).as("key named; %s", this).isEqualTo("(ticker=" + key + ")");
                assertThat(e.slotStart()).as("slot named; %s", this).isEqualTo(Micros.toInstant(slot * width));
                assertThat(e.slotEnd()).isEqualTo(Micros.toInstant((slot + 1) * width));
                assertThat(e.rows()).as("rows named; %s", this).isEqualTo(rowsThere);
                assertThat(e.version()).isEqualTo(latest);
            });
            assertThat(table.latestVersion()).as("an overlap error commits nothing; %s", this).isEqualTo(latest);
            log.append("\n  refused (overlap of ").append(key).append(" in slot ").append(slot).append("): ").append(what);
            count("error decisions");
            count("error decisions refusing the append");
        }

        private void overwrite() {
            List<Object[]> rows = random.nextInt(5) == 0 ? List.of() : rows(1, 5, null, 0);
            long latest = model.latestVersion();
            CommitResult result = write(options(WriteOptions.Mode.OVERWRITE), rows);
            assertThat(result.version()).as("%s", this).isEqualTo(latest + 1);
            commitToModel(true, rows, granularityOf.get(latest));
            log.append("\n  v").append(result.version()).append(": overwrite with ").append(describe(rows));
            count("overwrites");
            followCompactionsAfterWrite();
        }

        private void compact() {
            long latest = model.latestVersion();
            CompactionResult result = table.newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2).withMinRunsToMerge(2)).commit();
            if (table.latestVersion() == latest) {
                log.append("\n  compaction: nothing to do");
                return;
            }
            assertThat(result.version()).isEqualTo(latest + 1);
            commitToModel(false, List.of(), granularityOf.get(latest));
            log.append("\n  v").append(result.version()).append(": compaction (").append(result.basesWritten()).append(" bases, ")
                    .append(result.runsWritten()).append(" runs)");
            count("compactions by hand");
            count("merged runs written", result.runsWritten());
        }

        /** A write's compaction after it (autoCompact): versions that change no record. */
        private void followCompactionsAfterWrite() {
            for (long version = model.latestVersion() + 1; version <= table.latestVersion(); version++) {
                assertThat(table.head(VersionSelector.version(version)).commit().operation()).as("version %d; %s", version, this)
                        .isEqualTo(CommitInfo.COMPACT);
                commitToModel(false, List.of(), granularityOf.get(version - 1));
                log.append("\n  v").append(version).append(": compaction after the write");
                count("compactions after writes");
            }
        }

        private void expire() {
            int retain = 1 + random.nextInt(3);
            long latest = model.latestVersion();
            table.expireVersions().retainLast(retain).commit();
            earliestRetained = Math.max(earliestRetained, latest - retain + 1);
            log.append("\n  expire, retaining the last ").append(retain).append(": earliest retained v").append(earliestRetained);
            count("expiries");
        }

        /** Every file is older than the retention for a vacuum that runs 30 days from now: what is left is what retained versions need. */
        private void vacuum() {
            Table.forStorage(storage).withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(30))).vacuum().commit();
            log.append("\n  vacuum");
            count("vacuums");
        }

        private void changeGranularity() {
            long latest = model.latestVersion();
            CoverageGranularity current = granularityOf.get(latest);
            List<String> others = new ArrayList<>(GRANULARITIES);
            if (current != null) {
                others.remove(current.text());
            }
            String next = others.get(random.nextInt(others.size()));
            CommitResult result = table.updateProperties().set("coverageGranularity", next).commit();
            assertThat(result.version()).as("%s", this).isEqualTo(latest + 1);
            commitToModel(false, List.of(), CoverageGranularity.parse(next));
            log.append("\n  v").append(result.version()).append(": coverageGranularity ").append(current).append(" -> ").append(next);
            count("changes of coverageGranularity (backfills)");
        }

        private void changePolicy() {
            long latest = model.latestVersion();
            OverlapPolicy next = OverlapPolicy.values()[random.nextInt(OverlapPolicy.values().length)];
            if (next != OverlapPolicy.ALLOW && granularityOf.get(latest) == null) {
                assertThatThrownBy(() -> table.updateProperties().set("overlapPolicy", next.text()).commit())
                        .isInstanceOf(InvalidOptionException.class);
                assertThat(table.latestVersion()).isEqualTo(latest);
                log.append("\n  overlapPolicy ").append(next.text()).append(" refused (no coverage)");
                return;
            }
            CommitResult result = table.updateProperties().set("overlapPolicy", next.text()).commit();
            if (next == tablePolicy) {
                assertThat(result.skipped()).as("%s", this).isTrue();
                assertThat(table.latestVersion()).isEqualTo(latest);
                return;
            }
            assertThat(result.version()).as("%s", this).isEqualTo(latest + 1);
            commitToModel(false, List.of(), granularityOf.get(latest));
            log.append("\n  v").append(result.version()).append(": overlapPolicy ").append(tablePolicy.text()).append(" -> ").append(next.text());
            tablePolicy = next;
            count("changes of overlapPolicy");
        }

        private void commitToModel(boolean overwrite, List<Object[]> rows, CoverageGranularity granularity) {
            List<Row> modelRows = new ArrayList<>();
            for (Object[] row : rows) {
                modelRows.add(new Row(List.of(key(row)), time(row), Collections.singletonList(row[2]), isDelete(row)));
            }
            long version = model.commit(overwrite, modelRows, null, 0);
            assertThat(version).as("the model is never ahead of the table; %s", this).isLessThanOrEqualTo(table.latestVersion());
            granularityOf.put(version, granularity);
        }

        // Rows

        /**
         * {@code min} to {@code max} rows with distinct (key, event time), a fifth of them deletes: at random times of the window,
         * at the very key and time of a record of the latest version (corrections, and upserts on top of deletes), and, when
         * {@code aimAt} is given, {@code aimPercent} of them in slots of that granularity the latest version covers for the key
         * (overlaps to decide).
         */
        private List<Object[]> rows(int min, int max, CoverageGranularity aimAt, int aimPercent) {
            int n = min + random.nextInt(max - min + 1);
            List<VersionedRecord> records = model.latestVersion() == 0 ? List.of() : model.records(model.latestVersion());
            List<VersionedRecord> upserts = records.stream().filter(r -> !r.row().delete()).toList();
            Set<String> seen = new HashSet<>();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int roll = random.nextInt(100);
                String key;
                long time;
                if (aimAt != null && roll < aimPercent && !upserts.isEmpty()) {
                    Row covered = upserts.get(random.nextInt(upserts.size())).row();
                    key = (String) covered.key().get(0);
                    long slotStart = aimAt.slotOf(covered.eventTimeMicros()) * aimAt.micros();
                    time = slotStart + 15 * MINUTE * random.nextInt((int) (aimAt.micros() / (15 * MINUTE)));
                } else if (roll < aimPercent + 15 && !records.isEmpty()) {
                    Row earlier = records.get(random.nextInt(records.size())).row();
                    key = (String) earlier.key().get(0);
                    time = earlier.eventTimeMicros();
                } else {
                    key = KEYS.get(random.nextInt(KEYS.size()));
                    time = windowStart + 30 * MINUTE * random.nextInt(WINDOW_DAYS * 48);
                }
                if (!seen.add(key + "@" + time)) {
                    continue;
                }
                boolean delete = random.nextInt(5) == 0;
                rows.add(new Object[] {key, time, delete ? null : nextPrice++, delete});
            }
            return rows;
        }

        private static String key(Object[] row) {
            return (String) row[0];
        }

        private static long time(Object[] row) {
            return (Long) row[1];
        }

        private static boolean isDelete(Object[] row) {
            return (Boolean) row[3];
        }

        private static String describe(List<Object[]> rows) {
            List<String> text = new ArrayList<>();
            for (Object[] row : rows) {
                text.add((isDelete(row) ? "-" : "+") + key(row) + "@" + Micros.toInstant(time(row)) + (isDelete(row) ? "" : "=" + row[2]));
            }
            return text.toString();
        }

        // The model's coverage

        /** covered(k, s, V): per key with an upsert among version V's records, the slots of its upserts. */
        private Map<String, NavigableSet<Long>> covered(long version, CoverageGranularity granularity) {
            Map<String, NavigableSet<Long>> covered = new TreeMap<>();
            for (VersionedRecord record : model.records(version)) {
                if (!record.row().delete()) {
                    covered.computeIfAbsent((String) record.row().key().get(0), k -> new TreeSet<>())
                            .add(SlotBruteForce.slotOf(record.row().eventTimeMicros(), granularity.micros()));
                }
            }
            return covered;
        }

        // Checks

        private void check() {
            long latest = model.latestVersion();
            Set<Long> versions = new TreeSet<>();
            versions.add(latest);
            versions.add(earliestRetained + (long) random.nextInt((int) (latest - earliestRetained + 1)));
            for (long version : versions) {
                checkCoverage(version);
            }
            if (earliestRetained > 1) {
                long expired = 1 + random.nextInt((int) earliestRetained - 1);
                assertThatThrownBy(() -> table.coverage(Micros.toInstant(windowStart), Micros.toInstant(windowStart + DAY)).asOfVersion(expired)
                        .compute()).as("coverage of expired version %d; %s", expired, this).isInstanceOf(VersionExpiredException.class);
                count("expired versions asked");
            }
            // Two reads a step, to keep the run short: current at the latest version, and a random time at a random retained one.
            checkReads(latest, VersionedModel.CURRENT);
            long any = earliestRetained + (long) random.nextInt((int) (latest - earliestRetained + 1));
            checkReads(any, windowStart + 30 * MINUTE * random.nextInt(WINDOW_DAYS * 48));
        }

        private void checkCoverage(long version) {
            long fromMicros = windowStart - 36 * HOUR + 15 * MINUTE * random.nextInt((WINDOW_DAYS + 3) * 96);
            long toMicros = fromMicros + 15 * MINUTE * (1 + random.nextInt((WINDOW_DAYS + 2) * 96));
            Instant from = Micros.toInstant(fromMicros);
            Instant to = Micros.toInstant(toMicros);
            CoverageQuery query = table.coverage(from, to).asOfVersion(version);
            Set<String> selected = null;
            if (random.nextInt(4) == 0) {
                // Some keys only, and one the table never had.
                selected = new TreeSet<>();
                for (String key : KEYS) {
                    if (random.nextBoolean()) {
                        selected.add(key);
                    }
                }
                selected.add("Z");
                query = query.forKeys(selected.stream().map(k -> new Object[] {k}).toList());
            }
            String what = "coverage [" + from + ", " + to + ") at v" + version + (selected == null ? "" : " of keys " + selected);
            CoverageGranularity granularity = granularityOf.get(version);
            if (granularity == null) {
                assertThatThrownBy(query::compute).as("%s records none; %s", what, this).isInstanceOf(InvalidOptionException.class);
                count("coverage queries of versions without coverage");
                return;
            }
            CoverageQuery.Coverage coverage = query.compute();
            count("coverage queries");

            Map<String, NavigableSet<Long>> expected = covered(version, granularity);
            if (selected != null) {
                expected.keySet().retainAll(selected);
            }
            long width = granularity.micros();
            long fromSlot = SlotBruteForce.slotOf(fromMicros, width);
            long toSlot = SlotBruteForce.ceilSlot(toMicros, width);
            assertThat(coverage.version()).isEqualTo(version);
            assertThat(coverage.granularity()).as("granularity of %s; %s", what, this).isEqualTo(granularity);
            assertThat(coverage.keys()).extracting(k -> (String) k.key()[0]).as("keys of %s; %s", what, this)
                    .containsExactlyElementsOf(expected.keySet());
            NavigableSet<Long> union = new TreeSet<>();
            for (CoverageQuery.KeyCoverage key : coverage.keys()) {
                NavigableSet<Long> slots = expected.get((String) key.key()[0]);
                compare(key.coverage(), slots, fromSlot, toSlot, width, what + ", key " + key.key()[0]);
                union.addAll(slots);
                count("key coverages compared");
            }
            compare(coverage.table(), union, fromSlot, toSlot, width, what + ", table-wide");

            // The freshest window of n covered slots in a row, ending by a random time around the range.
            long endMicros = fromMicros - DAY + 15 * MINUTE * random.nextInt((int) ((toMicros - fromMicros + 2 * DAY) / (15 * MINUTE)) + 1);
            long n = 1 + random.nextInt(4);
            long limit = Math.min(toSlot, SlotBruteForce.ceilSlot(endMicros, width));
            Optional<SlotCoverage.Window> window = SlotBruteForce.lastFullWindow(union, fromSlot, limit, n)
                    .map(w -> new SlotCoverage.Window(Micros.toInstant(w.start() * width), Micros.toInstant(w.end() * width), n));
            assertThat(coverage.table().lastFullyCoveredWindow(Micros.toInstant(endMicros), n))
                    .as("last window of %d slots ending by %s, %s; %s", n, Micros.toInstant(endMicros), what, this).isEqualTo(window);
            count(window.isPresent() ? "last windows found" : "last windows absent");
        }

        private void compare(SlotCoverage actual, NavigableSet<Long> covered, long fromSlot, long toSlot, long width, String what) {
            long coveredSlots = SlotBruteForce.count(covered, fromSlot, toSlot);
            List<SlotRange> gaps = SlotBruteForce.gapsSlotBySlot(covered, fromSlot, toSlot);
            assertThat(actual.firstSlot()).as("first slot of %s; %s", what, this).isEqualTo(fromSlot);
            assertThat(actual.endSlot()).as("end slot of %s; %s", what, this).isEqualTo(toSlot);
            assertThat(actual.coveredSlots()).as("covered slots of %s; %s", what, this).isEqualTo(coveredSlots);
            assertThat(actual.totalSlots()).as("total slots of %s; %s", what, this).isEqualTo(toSlot - fromSlot);
            assertThat(actual.ratio()).as("ratio of %s; %s", what, this).isEqualTo((double) coveredSlots / (toSlot - fromSlot));
            assertThat(actual.gapSlots()).as("gaps of %s; %s", what, this).isEqualTo(gaps);
            assertThat(actual.maxGapSlots()).as("longest gap of %s; %s", what, this)
                    .isEqualTo(gaps.stream().mapToLong(SlotRange::slots).max().orElse(0));
            assertThat(actual.gaps()).as("gap times of %s; %s", what, this).isEqualTo(gaps.stream()
                    .map(g -> new SlotCoverage.Gap(Micros.toInstant(g.start() * width), Micros.toInstant(g.end() * width), g.slots())).toList());
        }

        /** An as-of read of {@code version} returns the model's state(T, V): rows a skip dropped, or an overwrite removed, are not there. */
        private void checkReads(long version, long asOfMicros) {
            Map<String, List<Object>> expected = new TreeMap<>();
            model.state(asOfMicros, version).forEach((key, row) -> expected.put((String) key.get(0), List.of(row.eventTimeMicros(), row.payload().get(0))));
            Map<String, List<Object>> actual = new TreeMap<>();
            AsOf asOf = asOfMicros == VersionedModel.CURRENT ? AsOf.current() : AsOf.eventTime(asOfMicros);
            try (CloseableIterator<Object[]> rows = table.newScan().atVersion(version).asOf(asOf).select(List.of("price")).rows()) {
                rows.forEachRemaining(r -> assertThat(actual.put((String) r[0], List.of(((Number) r[1]).longValue(), r[2])))
                        .as("key %s read twice; %s", r[0], this).isNull());
            }
            assertThat(actual).as("v%d as of %s; %s", version, asOfMicros == VersionedModel.CURRENT ? "current" : Micros.toInstant(asOfMicros),
                    this).isEqualTo(expected);
            count("as-of reads compared");
        }

        @Override
        public String toString() {
            return "history:\n  " + log;
        }
    }
}
