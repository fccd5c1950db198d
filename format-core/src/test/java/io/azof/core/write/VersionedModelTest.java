package io.azof.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.azof.core.Table;
import io.azof.core.TableScan;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.log.SnapshotLog;
import io.azof.core.maintenance.AfterWriteCheck;
import io.azof.core.maintenance.CompactionPlanner;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.Vacuum;
import io.azof.core.maintenance.ValidationReport;
import io.azof.core.maintenance.VersionExpiry;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.PartManifest;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.scan.BoundedRuns;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.testing.InProcessChmodFileSystem;
import io.azof.core.testing.SuppliedClock;
import io.azof.core.testing.TestArbitraries;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.VersionedModel.Row;
import io.azof.core.testing.VersionedModel;
import io.azof.core.testing.WriteHistoryGenerator.History;
import io.azof.core.testing.WriteHistoryGenerator.Settings;
import io.azof.core.testing.WriteHistoryGenerator.Write;
import io.azof.core.testing.WriteHistoryGenerator;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.hadoop.conf.Configuration;

/**
 * Format version 2 writes and reads against {@link VersionedModel} on random histories from
 * {@link WriteHistoryGenerator}: every write's outcome (new version, skipped retry, rejected tie), every
 * version's commit time, and reads at boundary and random event times of every version, by version number
 * and by system time, with random projections, through one task and through one task per bucket. Histories also
 * change the table's schema between writes (columns added, types widened, through {@link SchemaEvolution} and through
 * appends with {@code mergeSchema}, and changes that must be refused): every version must then read with its own
 * schema, rows written before a change showing null in added columns and widened values in widened ones.
 *
 * <p>A failure prints the history's {@link Settings} and its writes, which rebuild it without jqwik.
 */
class VersionedModelTest {
    private static final AtomicLong HISTORIES = new AtomicLong();
    private static final AtomicLong READS = new AtomicLong();
    private static final AtomicLong MISMATCHES = new AtomicLong();
    private static final AtomicLong COMPACTIONS = new AtomicLong();
    private static final AtomicLong BASE_FILES = new AtomicLong();
    private static final AtomicLong AUTO_COMPACTIONS = new AtomicLong();
    private static final AtomicLong MERGED_RUNS = new AtomicLong();
    private static final AtomicLong PRE_MERGED_RUNS = new AtomicLong();
    private static final AtomicLong EXPIRED_VERSIONS = new AtomicLong();
    private static final AtomicLong EXPIRED_READS = new AtomicLong();
    private static final AtomicLong VACUUMED_FILES = new AtomicLong();
    private static final AtomicLong SCHEMA_CHANGES = new AtomicLong();
    private static final AtomicLong MERGED_SCHEMAS = new AtomicLong();
    private static final AtomicLong REFUSED_CHANGES = new AtomicLong();
    private static final AtomicLong MANIFEST_HISTORIES = new AtomicLong();
    private static final AtomicLong CHUNK_FILES_WRITTEN = new AtomicLong();
    private static final AtomicLong GROUP_FILES_WRITTEN = new AtomicLong();
    private static final AtomicLong AFTER_WRITE_CHECKS = new AtomicLong();
    private static final AtomicLong AFTER_WRITE_CHECKS_FROM_ROOT = new AtomicLong();
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** Loaded once: parsing Hadoop's default resources costs more than a small history's writes. */
    private static final Configuration HADOOP = InProcessChmodFileSystem.configuration();
    /** Each read opens Parquet files; a sample of the boundary probes per version keeps a history fast. */
    private static final int PROBES_PER_VERSION = 8;
    /** One read in this many is also done with one task per bucket. */
    private static final int PARALLEL_EVERY = 3;
    private static final int RANDOM_PROBES = 4;
    private static final int MISMATCHES_SHOWN = 5;

    @Provide
    Arbitrary<History> histories() {
        return TestArbitraries.writeHistories(1, 8, 30, 12, false, true);
    }

    @Provide
    Arbitrary<History> historiesEndingInAnAmbiguousWrite() {
        return TestArbitraries.writeHistories(1, 8, 30, 12, true, true);
    }

    /*
     * Tries: 60 here and 50 below (were 100 and 75). jqwik draws new histories on every run, and CI runs this class on
     * both Spark lines, so each CI run still replays 120 + 100 random histories of these two properties. The summary line
     * (printed after the class) shows the smaller runs still reach every path the larger ones did: reads that pre-merge
     * runs into spills (maxOpenFiles 3 or 4 in two histories of three), compactions after writes, bases, expiry, vacuum,
     * schema changes by SchemaEvolution and by mergeSchema, refused changes, and both format versions (one history in four
     * at version 2). These two properties were about 80% of the class; a good part of each history's time is Hadoop
     * forking a chmod process for every spill file a read writes (BoundedRuns' raw local file system), not the check.
     */
    @Property(tries = 60)
    void everyVersionReadsAsTheModelSays(@ForAll("histories") History history, @ForAll long readSeed) throws IOException {
        checkHistory(history, Maintenance.none(), new Random(readSeed));
    }

    /**
     * Compactions with random policies between the writes, so later writes add late rows, ties and deletes on
     * top of bases: compaction must not change any version's answer at any T, including those of the versions
     * before it, which do not list its bases.
     */
    @Property(tries = 50)
    void compactionBetweenWritesNeverChangesAnAnswer(@ForAll("histories") History history, @ForAll long maintenanceSeed,
                                                     @ForAll long readSeed) throws IOException {
        checkHistory(history, Maintenance.random(new Random(maintenanceSeed), history.writes().size()), new Random(readSeed));
    }

    @Property(tries = 20)
    void writeWithTwoRowsOfOneKeyAndTimeIsRejectedAndLeavesTheTableAsItWas(
            @ForAll("historiesEndingInAnAmbiguousWrite") History history, @ForAll long readSeed) throws IOException {
        checkHistory(history, Maintenance.none(), new Random(readSeed));
    }

    /**
     * Expiry (keeping the last 1 to 3 versions) and vacuum (taking every unreferenced file, whatever its age)
     * between writes and compactions: expired versions must fail with the expiry error, and every retained version
     * must still read as the model says after vacuum deleted files.
     */
    @Property(tries = 40)
    void expiryAndVacuumBetweenWritesKeepEveryRetainedAnswer(@ForAll("histories") History history, @ForAll long maintenanceSeed,
                                                             @ForAll long readSeed) throws IOException {
        checkHistory(history, Maintenance.random(new Random(maintenanceSeed), history.writes().size(), true), new Random(readSeed));
    }

    /** What runs after one write: a compaction (or none), then expiry keeping the last {@code retainLast} versions (0: none), then vacuum. */
    record Step(CompactionPolicy compaction, int retainLast, boolean vacuum) {
        String describe() {
            List<String> parts = new ArrayList<>();
            if (compaction != null) {
                parts.add("compact " + compaction);
            }
            if (retainLast > 0) {
                parts.add("expire all but the last " + retainLast);
            }
            if (vacuum) {
                parts.add("vacuum with zero retention");
            }
            return String.join(", then ", parts);
        }
    }

    /** Maintenance to run after some writes of a history: after write i (0-based), {@code steps.get(i)}, or nothing when null. */
    record Maintenance(List<Step> steps) {
        static Maintenance none() {
            return new Maintenance(List.of());
        }

        static Maintenance random(Random random, int writes) {
            return random(random, writes, false);
        }

        /**
         * Compacts after about half the writes, with thresholds from "a base at every segment" to the default,
         * sometimes splitting bases into one-key files, sometimes only at year starts or within an event-time range;
         * with {@code expiring}, also expires and vacuums after about a third of them.
         */
        static Maintenance random(Random random, int writes, boolean expiring) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                CompactionPolicy policy = random.nextInt(2) == 0 ? null : randomPolicy(random);
                int retainLast = expiring && random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
                boolean vacuum = expiring && random.nextInt(3) == 0;
                steps.add(policy == null && retainLast == 0 && !vacuum ? null : new Step(policy, retainLast, vacuum));
            }
            return new Maintenance(steps);
        }

        private static CompactionPolicy randomPolicy(Random random) {
            CompactionPolicy policy = CompactionPolicy.defaults().withMinFilesToMerge(2 + random.nextInt(3));
            if (random.nextInt(3) == 0) {
                policy = policy.withTargetFileBytes(1);
            }
            if (random.nextInt(6) == 0) {
                policy = policy.withBaseGranularity(io.azof.core.layout.SegmentGranularity.YEAR);
            }
            if (random.nextInt(5) == 0) {
                long from = -200 * 365 * MICROS_PER_DAY + random.nextLong(400 * 365 * MICROS_PER_DAY);
                policy = policy.withEventTimeRange(from, random.nextBoolean() ? null : from + random.nextLong(1, 800 * MICROS_PER_DAY));
            }
            return policy;
        }

        Step after(int write) {
            return write < steps.size() ? steps.get(write) : null;
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) != null) {
                    text.append("\n  after write ").append(i + 1).append(": ").append(steps.get(i).describe());
                }
            }
            return text.isEmpty() ? "no maintenance" : "maintenance:" + text;
        }
    }

    @Example
    void readerThatIgnoresDeletesIsCaughtByTheModel() throws IOException {
        assertThat(firstCaught(Wrong.IGNORES_DELETES)).as("a generated read where only the wrong reader differs from the model")
                .isNotNull();
    }

    @Example
    void readerThatLetsTheEarlierVersionWinTiesIsCaughtByTheModel() throws IOException {
        assertThat(firstCaught(Wrong.EARLIER_VERSION_WINS_TIES)).as("a generated read where only the wrong reader differs from the model")
                .isNotNull();
    }

    /** A key is named as its writer wrote it: a date as a date, not as the day number it is stored as. */
    @Example
    void dateKeyOfAnAmbiguousWriteIsNamedAsADate() throws IOException {
        try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-versioned-date-key-")) {
            TableStorage storage = TestTables.localStorage(temp.path(), HADOOP);
            StructType input = StructType.of(
                    new StructField("day", PrimitiveType.DATE, false),
                    new StructField("ts", PrimitiveType.TIMESTAMP, false),
                    new StructField("count", PrimitiveType.INTEGER, false));
            int day = (int) LocalDate.of(1900, 1, 1).toEpochDay();
            long time = LocalDate.of(2024, 1, 3).toEpochDay() * MICROS_PER_DAY;
            List<Object[]> rows = List.of(new Object[] {day, time, 1}, new Object[] {day, time, 2});
            WriteOptions options = WriteOptions.append().withKeyColumns("day").withEventTimeColumn("ts");
            assertThatThrownBy(() -> Table.forStorage(storage).newWrite(options).rows(input, rows).commit())
                    .isInstanceOf(InvalidWriteException.class)
                    .hasMessageContaining("2024-01-03T00:00:00Z")
                    .hasMessageContaining("day=1900-01-01");
            assertThat(Table.forStorage(storage).latestVersion()).isZero();
        }
    }

    /** Deltas per chunk in the format version 3 histories: small, so that a few writes to a part already chunk it. */
    private static final int CHUNK_FILES = 2;
    /** Parts per segment group in the format version 3 histories: small, so that a few segments already make groups. */
    private static final int GROUP_PARTS = 3;

    @BeforeContainer
    static void chunkAndGroupSmallTables() {
        System.setProperty(PartManifest.CHUNK_FILES_PROPERTY, Integer.toString(CHUNK_FILES));
        System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, Integer.toString(GROUP_PARTS));
    }

    @AfterContainer
    static void chunkAndGroupAsUsual() {
        System.clearProperty(PartManifest.CHUNK_FILES_PROPERTY);
        System.clearProperty(SegmentGroup.GROUP_PARTS_PROPERTY);
    }

    @AfterContainer
    static void printSummary() {
        System.out.printf("VersionedModelTest: %d histories, %d reads (%d runs pre-merged into spills), %d mismatches; %d compactions committed %d base files;"
                        + " %d compactions after writes merged %d deltas into runs; %d versions expired, %d reads of them refused; vacuum deleted"
                        + " %d files; %d schema changes committed (%d by mergeSchema appends), %d refused; %d histories at format version 3"
                        + " left %d chunk files and %d segment group files; %d checks for compaction after writes, %d of them"
                        + " answered from roots%n",
                HISTORIES.get(), READS.get(), PRE_MERGED_RUNS.get(), MISMATCHES.get(), COMPACTIONS.get(), BASE_FILES.get(), AUTO_COMPACTIONS.get(),
                MERGED_RUNS.get(), EXPIRED_VERSIONS.get(),
                EXPIRED_READS.get(), VACUUMED_FILES.get(), SCHEMA_CHANGES.get() + MERGED_SCHEMAS.get(), MERGED_SCHEMAS.get(),
                REFUSED_CHANGES.get(), MANIFEST_HISTORIES.get(), CHUNK_FILES_WRITTEN.get(),
                GROUP_FILES_WRITTEN.get(), AFTER_WRITE_CHECKS.get(), AFTER_WRITE_CHECKS_FROM_ROOT.get());
    }

    private static void checkHistory(History history, Maintenance maintenance, Random random) throws IOException {
        HISTORIES.incrementAndGet();
        try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-versioned-model-")) {
            Replay replay = Replay.run(temp.path(), history, maintenance);
            if (replay.formatVersion == TableDefinition.MANIFEST_FORMAT) {
                MANIFEST_HISTORIES.incrementAndGet();
                Path metadata = temp.path().resolve("metadata");
                if (Files.isDirectory(metadata)) {
                    try (Stream<Path> files = Files.list(metadata)) {
                        for (Path file : files.toList()) {
                            String name = file.getFileName().toString();
                            if (name.startsWith("c")) {
                                CHUNK_FILES_WRITTEN.incrementAndGet();
                            } else if (name.startsWith("g")) {
                                GROUP_FILES_WRITTEN.incrementAndGet();
                            }
                        }
                    }
                }
            }
            List<String> mismatches = new ArrayList<>();
            if (replay.model.latestVersion() == 0) {
                assertThatThrownBy(() -> Table.forStorage(replay.storage).latestSnapshot()).isInstanceOf(TableNotFoundException.class);
            } else {
                replay.checkCommitTimes();
                List<Long> probes = replay.probes(random);
                replay.checkSystemTimes(probes, random, mismatches);
                replay.checkVersions(probes, random, mismatches);
                if (!maintenance.steps().isEmpty()) {
                    // What compaction, expiry and vacuum left behind must also pass the table's own consistency checks. Their
                    // histories change the schema too, so this also checks that every file has the columns of the version that
                    // added it (bases written after a change are in the new schema) and that files written before a change are
                    // valid under the later schemas. (Histories without maintenance skip it: it would double their runtime.)
                    ValidationReport report = Table.forStorage(replay.storage).validate(true);
                    assertThat(report.problems()).as("validate() after %s%nhistory %s", maintenance.describe(), history.describe()).isEmpty();
                }
            }
            MISMATCHES.addAndGet(mismatches.size());
            assertThat(mismatches)
                    .withFailMessage(() -> mismatches.size() + " reads differ from the model; first ones:\n"
                            + String.join("\n", mismatches.subList(0, Math.min(MISMATCHES_SHOWN, mismatches.size())))
                            + "\nhistory " + history.describe() + "\n" + maintenance.describe())
                    .isEmpty();
        }
    }

    /** A history written to a table, with the model of what the table must hold. */
    private static final class Replay {
        final History history;
        final TableStorage storage;
        final VersionedModel model = new VersionedModel();
        /**
         * The table's compaction after writes, chosen per history: off, or on with a limit low enough to fire often. Each
         * compaction it commits is a version with the same records (SPEC section 6.8), which the model commits too.
         */
        final AutoCompaction autoCompaction;
        /**
         * The most files a read holds open, chosen per history: 3 and 4 make most merges pre-merge runs into spills (SPEC
         * section 6.4), the default rarely. (2, the least there is, spills one pass per run beyond it and doubles this
         * test's time; BoundedFanInTest reads with it.)
         */
        final int maxOpenFiles;
        /**
         * The table's format version, chosen per history: 3 (manifests, chunked after {@value #CHUNK_FILES} deltas per part, so
         * that small histories exercise chunks: appends filling the last chunk, compactions rewriting the chunks of the runs
         * they replace; and segment groups of {@value #GROUP_PARTS} parts, so that roots name groups, rewritten as segments
         * change) in three histories of four, 2 (every snapshot lists every file) in the fourth.
         */
        final int formatVersion;
        /** The retained versions' snapshots, oldest first. */
        final List<Snapshot> snapshots = new ArrayList<>();
        /** The model's earliest retained version: expiry keeps this and the later ones. */
        long earliestRetained = 1;

        private Replay(History history, TableStorage storage) {
            this.history = history;
            this.storage = storage;
            int choice = Math.floorMod(history.describe().hashCode(), 4);
            this.autoCompaction = choice == 0 ? TestTables.NO_AUTO_COMPACTION : AutoCompaction.defaults().withMaxRuns(new int[] {2, 3, 8}[choice - 1]);
            this.maxOpenFiles = new int[] {3, 4, BoundedRuns.DEFAULT_MAX_OPEN_FILES}[Math.floorMod(history.describe().hashCode() / 4, 3)];
            this.formatVersion = Math.floorMod(history.describe().hashCode() / 12, 4) == 0 ? TableDefinition.LISTING_FORMAT
                    : TableDefinition.MANIFEST_FORMAT;
        }

        /** Runs every write, checking each outcome (committed as the next version, skipped, or rejected) as it goes. */
        static Replay run(Path dir, History history) throws IOException {
            return run(dir, history, Maintenance.none());
        }

        static Replay run(Path dir, History history, Maintenance maintenance) throws IOException {
            Replay replay = new Replay(history, TestTables.localStorage(dir, HADOOP));
            AtomicLong clock = new AtomicLong();
            Table table = Table.forStorage(replay.storage).withClock(new SuppliedClock(clock::get));
            for (int i = 0; i < history.writes().size(); i++) {
                Write write = history.writes().get(i);
                clock.set(write.clockMillis());
                replay.apply(table, write);
                Step step = maintenance.after(i);
                if (step != null && replay.model.latestVersion() > 0) {
                    if (step.compaction() != null) {
                        clock.set(write.clockMillis() + 1);
                        replay.compact(table, step.compaction(), clock.get());
                    }
                    if (step.retainLast() > 0) {
                        replay.expire(step.retainLast());
                    }
                    if (step.vacuum()) {
                        replay.vacuum();
                    }
                }
            }
            for (long v = 1; v <= replay.model.latestVersion(); v++) {
                if (v < replay.earliestRetained) {
                    long expired = v;
                    assertThatThrownBy(() -> Table.forStorage(replay.storage).snapshot(expired))
                            .isInstanceOf(VersionExpiredException.class)
                            .hasMessageContaining("Version " + v).hasMessageContaining(replay.available());
                    EXPIRED_READS.incrementAndGet();
                } else {
                    replay.snapshots.add(Table.forStorage(replay.storage).snapshot(v));
                }
            }
            return replay;
        }

        private void apply(Table writer, Write write) {
            long before = model.latestVersion();
            String writeId = write.options().writeId();
            List<Row> ties = tiesWithinWrite(write.rows());
            if (write.intent() == WriteHistoryGenerator.Intent.ALTER) {
                CommitResult result = writer.alterSchema().changes(write.changes()).commit();
                assertThat(result.skipped()).as("%s changes the schema", write.describe()).isFalse();
                assertThat(result.version()).isEqualTo(model.alter(write.payloadSchema(), write.clockMillis()));
                SCHEMA_CHANGES.incrementAndGet();
            } else if (write.intent() == WriteHistoryGenerator.Intent.REFUSED_ALTER) {
                assertThatThrownBy(() -> writer.alterSchema().changes(write.changes()).commit()).as(write.describe())
                        .isInstanceOf(InvalidSchemaChangeException.class)
                        .hasMessageContaining("'" + write.changes().get(0).column() + "'")
                        .hasMessageEndingWith("Nothing was committed.");
                REFUSED_CHANGES.incrementAndGet();
            } else if (model.committed(writeId)) {
                CommitResult result = writer.newWrite(options(write)).rows(write.inputSchema(), write.inputRows()).commit();
                assertThat(result.skipped()).as("retry of committed write id %s is skipped", writeId).isTrue();
                assertThat(result.version()).as("a skipped write reports the latest version").isEqualTo(before);
            } else if (!ties.isEmpty()) {
                Throwable thrown = catchThrowable(() -> writer.newWrite(options(write)).rows(write.inputSchema(), write.inputRows()).commit());
                assertThat(thrown).isInstanceOf(InvalidWriteException.class);
                assertThat(ties).as("the error names one tied key and its time: %s", thrown.getMessage())
                        .anyMatch(tie -> names(thrown.getMessage(), tie));
            } else {
                CommitResult result = writer.newWrite(options(write)).rows(write.inputSchema(), write.inputRows()).commit();
                long version = model.commit(write.overwrite(), write.rows(), writeId, write.clockMillis(), write.payloadSchema());
                assertThat(result.skipped()).isFalse();
                assertThat(result.version()).isEqualTo(version);
                if (write.options().mergeSchema()) {
                    MERGED_SCHEMAS.incrementAndGet();
                }
                checkAfterWriteBound(version);
                absorbCompactionsAfter(writer, write);
            }
            assertThat(writer.latestVersion()).as("latest version after %s", write.describe())
                    .isEqualTo(model.latestVersion());
        }

        /** The write's options; the write that creates the table also sets its compaction after writes. */
        private WriteOptions options(Write write) {
            return model.latestVersion() == 0 ? write.options().withAutoCompaction(autoCompaction).withFormatVersion(formatVersion) : write.options();
        }

        /**
         * Format version 3 decides whether a write calls for compaction from the root and one manifest per bucket
         * (AfterWriteCheck), an upper bound: whenever the exact check on the whole snapshot plans something, it must say so.
         */
        private void checkAfterWriteBound(long version) {
            SnapshotLog log = new SnapshotLog(storage);
            if (!(log.readHead(version) instanceof SnapshotRoot root) || !autoCompaction.enabled()) {
                return;
            }
            boolean exact = !CompactionPlanner.planAfterWrite(log.read(version), BoundedRuns.DEFAULT_MAX_OPEN_FILES).isEmpty();
            boolean bound = AfterWriteCheck.mayCompact(storage, root);
            assertThat(!exact || bound).as("version %d: the exact check compacts, the bound from the root says no", version).isTrue();
            AFTER_WRITE_CHECKS.incrementAndGet();
            if (!bound) {
                AFTER_WRITE_CHECKS_FROM_ROOT.incrementAndGet();
            }
        }

        /** The versions the write's compaction committed after it: compactions, which the model commits as versions of no new record. */
        private void absorbCompactionsAfter(Table table, Write write) {
            for (long v = model.latestVersion() + 1; v <= table.latestVersion(); v++) {
                Snapshot compacted = table.snapshot(v);
                assertThat(autoCompaction.enabled()).as("version %d after %s with autoCompact off", v, write.describe()).isTrue();
                assertThat(compacted.commit().operation()).as("version %d after %s", v, write.describe()).isEqualTo(CommitInfo.COMPACT);
                assertThat(model.commit(false, List.of(), null, compacted.commit().committedAtMillis())).isEqualTo(v);
                AUTO_COMPACTIONS.incrementAndGet();
                Set<String> before = table.snapshot(v - 1).dataFiles().stream().filter(f -> f.role() == FileRole.DELTA)
                        .map(DataFileEntry::file).collect(Collectors.toSet());
                compacted.dataFiles().forEach(f -> before.remove(f.file()));
                MERGED_RUNS.addAndGet(before.size());
            }
        }

        /** A compaction that commits is a version with the previous version's records: the model commits nothing new. */
        private void compact(Table table, CompactionPolicy policy, long clockMillis) {
            CompactionResult result = table.newCompaction(policy).commit();
            if (result.committed()) {
                assertThat(result.version()).isEqualTo(model.commit(false, List.of(), null, clockMillis));
                COMPACTIONS.incrementAndGet();
                BASE_FILES.addAndGet(result.basesWritten());
            } else {
                assertThat(result.version()).isEqualTo(model.latestVersion());
            }
        }

        /** Expiry keeps the last {@code retainLast} versions: the model says which versions that expires. */
        private void expire(int retainLast) {
            long latest = model.latestVersion();
            long newEarliest = Math.max(earliestRetained, latest - retainLast + 1);
            List<Long> expected = LongStream.range(earliestRetained, newEarliest).boxed().toList();
            VersionExpiry.Result result = Table.forStorage(storage).expireVersions().retainLast(retainLast).commit();
            assertThat(result.expiredVersions()).as("versions expired keeping the last %d of %d", retainLast, latest).isEqualTo(expected);
            earliestRetained = newEarliest;
            EXPIRED_VERSIONS.addAndGet(expected.size());
        }

        /** Vacuum with a clock an hour ahead and no retention: every file no retained version lists goes. */
        private void vacuum() {
            java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(1));
            Vacuum.Result result = Table.forStorage(storage).withClock(later).vacuum().retention(java.time.Duration.ZERO)
                    .allowShortRetention().commit();
            VACUUMED_FILES.addAndGet(result.files().size());
        }

        /** How error messages name the retained versions. */
        String available() {
            long latest = model.latestVersion();
            return earliestRetained == latest ? "the only version is " + latest : "available versions: " + earliestRetained + " to " + latest;
        }

        /** Rows of one write that share key and event time with an earlier row of the same write. */
        private static List<Row> tiesWithinWrite(List<Row> rows) {
            Set<List<Object>> seen = new HashSet<>();
            return rows.stream().filter(row -> !seen.add(List.of(row.key(), row.eventTimeMicros()))).toList();
        }

        /**
         * Whether {@code message} names the row's event time as an instant and each key column with its value.
         * Dates are named by column only: {@link VersionedModelTest#dateKeyOfAnAmbiguousWriteIsNamedAsADate} checks
         * their value.
         */
        private boolean names(String message, Row row) {
            for (int i = 0; i < history.keyColumns().size(); i++) {
                Object value = row.key().get(i);
                String column = history.keyColumns().get(i) + "=";
                boolean date = history.keyKind().fields().get(i).type() == PrimitiveType.DATE;
                if (!message.contains(date ? column : column + (value instanceof BigDecimal d ? d.toPlainString() : value))) {
                    return false;
                }
            }
            return message.contains(Instant.EPOCH.plus(row.eventTimeMicros(), ChronoUnit.MICROS).toString());
        }

        /** Commit times are the model's (the clock, or one past the previous when the clock lags) and strictly increase. */
        void checkCommitTimes() {
            assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(model.latestVersion());
            for (int i = 0; i < snapshots.size(); i++) {
                Snapshot snapshot = snapshots.get(i);
                long version = earliestRetained + i;
                assertThat(snapshot.version()).as("versionAsOf %d opens version %d", version, version).isEqualTo(version);
                assertThat(snapshot.commit().committedAtMillis()).as("committed_at of version %d", version)
                        .isEqualTo(model.commitTime(version));
                if (i > 0) {
                    assertThat(snapshot.commit().committedAtMillis()).as("committed_at strictly increases at version %d", version)
                            .isGreaterThan(snapshots.get(i - 1).commit().committedAtMillis());
                }
            }
        }

        /**
         * systemTimeAsOf exactly at, between and after commit times picks the model's version, and a read through it
         * equals the model; before the first commit, and for a version past the latest, the error names the versions.
         */
        void checkSystemTimes(List<Long> probes, Random random, List<String> mismatches) {
            long latest = model.latestVersion();
            String available = available();
            List<Long> times = new ArrayList<>();
            for (long v = 1; v <= latest; v++) {
                long committed = model.commitTime(v);
                times.add(committed);
                long next = v < latest ? model.commitTime(v + 1) : committed + 1 + random.nextInt(100_000);
                if (next - committed > 1) {
                    times.add(committed + 1 + (long) (random.nextDouble() * (next - committed - 1)));
                }
            }
            for (long t : times) {
                if (model.versionAt(t) < earliestRetained) {
                    assertThatThrownBy(() -> Table.forStorage(storage).snapshot(VersionSelector.systemTime(t)))
                            .as("system time %d picks expired version %d", t, model.versionAt(t))
                            .isInstanceOf(VersionExpiredException.class).hasMessageContaining(available);
                    EXPIRED_READS.incrementAndGet();
                    continue;
                }
                Snapshot snapshot = Table.forStorage(storage).snapshot(VersionSelector.systemTime(t));
                assertThat(snapshot.version()).as("version at system time %d", t).isEqualTo(model.versionAt(t));
                read(snapshot, probes.get(random.nextInt(probes.size())), random, mismatches);
            }
            long beforeFirst = model.commitTime(1) - 1 - random.nextInt(1_000);
            assertThat(model.versionAt(beforeFirst)).isZero();
            assertThatThrownBy(() -> Table.forStorage(storage).snapshot(VersionSelector.systemTime(beforeFirst)))
                    .isInstanceOf(VersionNotFoundException.class)
                    .hasMessageContaining(Instant.ofEpochMilli(beforeFirst).toString())
                    .hasMessageContaining(available);
            assertThatThrownBy(() -> Table.forStorage(storage).snapshot(latest + 1))
                    .isInstanceOf(VersionNotFoundException.class)
                    .hasMessageContaining("Version " + (latest + 1))
                    .hasMessageContaining(available);
        }

        /** Every version at current, before all data and a sample of the other probes; some reads also per bucket. */
        void checkVersions(List<Long> probes, Random random, List<String> mismatches) {
            List<String> previousColumns = List.of();
            for (Snapshot snapshot : snapshots) {
                // The model lists columns in the generator's order; the table in its first write's order, then as added.
                assertThat(snapshot.table().payloadFields()).as("payload columns of version %d", snapshot.version())
                        .containsExactlyInAnyOrderElementsOf(model.payloadSchema(snapshot.version()));
                List<String> tableColumns = snapshot.table().payloadColumns();
                assertThat(tableColumns.subList(0, Math.min(previousColumns.size(), tableColumns.size())))
                        .as("columns of version %d keep their places", snapshot.version()).isEqualTo(previousColumns);
                previousColumns = tableColumns;
                List<Long> sample = new ArrayList<>(probes.subList(2, probes.size()));
                Collections.shuffle(sample, random);
                List<Long> chosen = Stream.concat(probes.subList(0, 2).stream(), sample.stream().limit(PROBES_PER_VERSION)).toList();
                for (int i = 0; i < chosen.size(); i++) {
                    List<String> columns = randomProjection(snapshot.version(), random);
                    List<Object[]> single = read(snapshot, chosen.get(i), columns, mismatches);
                    if (i % PARALLEL_EVERY == 0) {
                        readParallel(snapshot, chosen.get(i), columns, single, mismatches);
                    }
                }
            }
        }

        /**
         * Current, a day before all data, then every event time and segment bound of any version, each also one
         * microsecond either side (where an off-by-one in the merge or the planner would show), and a few random
         * instants between a day before the first and a day after the last.
         */
        List<Long> probes(Random random) {
            TreeSet<Long> instants = new TreeSet<>(history.eventTimes());
            for (Snapshot snapshot : snapshots) {
                for (Segment segment : snapshot.segments()) {
                    instants.add(segment.startMicros());
                    instants.add(segment.endMicros());
                }
            }
            List<Long> probes = new ArrayList<>();
            probes.add(VersionedModel.CURRENT);
            if (instants.isEmpty()) {
                probes.add(0L);
                return probes;
            }
            long from = instants.first() - MICROS_PER_DAY;
            long to = instants.last() + MICROS_PER_DAY;
            probes.add(from);
            for (long instant : instants) {
                probes.add(instant - 1);
                probes.add(instant);
                probes.add(instant + 1);
            }
            for (int i = 0; i < RANDOM_PROBES; i++) {
                probes.add(from + random.nextLong(to - from));
            }
            return probes;
        }

        private List<Object[]> read(Snapshot snapshot, long asOf, Random random, List<String> mismatches) {
            return read(snapshot, asOf, randomProjection(snapshot.version(), random), mismatches);
        }

        private List<Object[]> read(Snapshot snapshot, long asOf, List<String> columns, List<String> mismatches) {
            READS.incrementAndGet();
            List<Object[]> rows = readTask(scan(snapshot, asOf, columns).planSingleTask());
            compare("version " + snapshot.version(), asOf, columns, expected(snapshot.version(), asOf, columns), rows, mismatches);
            return rows;
        }

        /** The parallel tasks: no key in two of them, and together exactly the single task's rows. */
        private void readParallel(Snapshot snapshot, long asOf, List<String> columns, List<Object[]> single, List<String> mismatches) {
            READS.incrementAndGet();
            int keyWidth = history.keyColumns().size();
            Map<List<Object>, Integer> taskOfKey = new HashMap<>();
            List<Object[]> union = new ArrayList<>();
            // A one-byte split target gives every key-range section its own task; the largest target, one per bucket.
            long splitBytes = READS.get() % 2 == 0 ? 1 : Long.MAX_VALUE;
            List<ScanTask> tasks = scan(snapshot, asOf, columns).targetSplitBytes(splitBytes).planTasks();
            for (int i = 0; i < tasks.size(); i++) {
                for (Object[] row : readTask(tasks.get(i))) {
                    List<Object> key = VersionedModel.normalise(Arrays.asList(row).subList(0, keyWidth));
                    Integer other = taskOfKey.put(key, i);
                    if (other != null && other != i) {
                        mismatches.add("version " + snapshot.version() + " as of " + describe(asOf) + ": key " + key
                                + " is in tasks " + other + " and " + i);
                    }
                    union.add(row);
                }
            }
            List<List<Object>> expected = single.stream().map(VersionedModel::normalise).toList();
            compare("version " + snapshot.version() + " in parallel (" + tasks.size() + " tasks)", asOf, columns, expected, union,
                    mismatches);
        }

        private TableScan scan(Snapshot snapshot, long asOf, List<String> columns) {
            return Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(asOfOf(asOf)).select(columns).maxOpenFiles(maxOpenFiles);
        }

        private List<Object[]> readTask(ScanTask task) {
            List<Object[]> rows = new ArrayList<>();
            ScanMetrics metrics = new ScanMetrics();
            try (CloseableIterator<Object[]> it = task.open(storage, metrics)) {
                it.forEachRemaining(rows::add);
            }
            PRE_MERGED_RUNS.addAndGet(metrics.runsPreMerged());
            return rows;
        }

        /** The model's rows at (asOf, version), shaped as a scan's: key columns, event time, requested payload. */
        List<List<Object>> expected(long version, long asOf, List<String> columns) {
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : model.state(asOf, version).values()) {
                List<Object> values = new ArrayList<>(row.key());
                values.add(row.eventTimeMicros());
                columns.forEach(c -> values.add(VersionedModel.normalise(model.payloadAt(row, c, version))));
                rows.add(values);
            }
            return rows;
        }

        /** Some of the payload columns {@code version} has, in random order. */
        private List<String> randomProjection(long version, Random random) {
            List<String> columns = new ArrayList<>(model.payloadSchema(version).stream().map(StructField::name).toList());
            Collections.shuffle(columns, random);
            return List.copyOf(columns.subList(0, random.nextInt(columns.size() + 1)));
        }
    }

    private static AsOf asOfOf(long micros) {
        return micros == VersionedModel.CURRENT ? AsOf.current() : AsOf.eventTime(micros);
    }

    private static String describe(long asOf) {
        return asOf == VersionedModel.CURRENT ? "current" : Instant.EPOCH.plus(asOf, ChronoUnit.MICROS) + " (" + asOf + " µs)";
    }

    /** Adds a mismatch when the rows differ as multisets: order is free, a duplicated or missing row is not. */
    private static void compare(String what, long asOf, List<String> columns, Collection<List<Object>> expected,
                                Collection<Object[]> actualRows, List<String> mismatches) {
        List<List<Object>> actual = actualRows.stream().map(VersionedModel::normalise).toList();
        if (!counts(expected).equals(counts(actual))) {
            mismatches.add(what + " as of " + describe(asOf) + " columns " + columns
                    + "\n  expected " + sorted(expected) + "\n  actual   " + sorted(actual));
        }
    }

    private static Map<List<Object>, Long> counts(Collection<List<Object>> rows) {
        return rows.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<String> sorted(Collection<List<Object>> rows) {
        return rows.stream().map(String::valueOf).sorted().toList();
    }

    /** Deliberately wrong merges, to show the comparison with the model catches them. */
    private enum Wrong {
        /** Takes each key's latest upsert, as if deletes were not there. */
        IGNORES_DELETES,
        /** On two records of a key at one event time, keeps the earlier write's. */
        EARLIER_VERSION_WINS_TIES
    }

    /**
     * A description of the first read (over fixed seeds) where the real read path agrees with the model and
     * {@code wrong} does not, or null. Requiring the real path to agree keeps the control meaningful even while
     * the real path has bugs of its own.
     */
    private static String firstCaught(Wrong wrong) throws IOException {
        for (long seed = 0; seed < 100; seed++) {
            History history = WriteHistoryGenerator.generate(new Settings(seed, 6, 12, 4, false));
            try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-versioned-control-")) {
                Replay replay = Replay.run(temp.path(), history);
                for (Snapshot snapshot : replay.snapshots) {
                    for (long asOf : replay.probes(new Random(seed))) {
                        List<String> columns = history.payloadColumns();
                        List<String> caught = new ArrayList<>();
                        compare("wrong reader", asOf, columns, replay.expected(snapshot.version(), asOf, columns),
                                wrongRead(replay, snapshot, asOf, wrong), caught);
                        if (caught.isEmpty()) {
                            continue;
                        }
                        List<String> real = new ArrayList<>();
                        replay.read(snapshot, asOf, columns, real);
                        MISMATCHES.addAndGet(real.size());
                        if (real.isEmpty()) {
                            return history.describe() + "\n" + caught.get(0);
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Reads every planned file's raw records and merges them the wrong way; rows shaped as a scan with every payload column. */
    private static List<Object[]> wrongRead(Replay replay, Snapshot snapshot, long asOf, Wrong wrong) {
        History history = replay.history;
        int keyWidth = history.keyColumns().size();
        List<String> columns = new ArrayList<>(history.keyColumns());
        columns.add(WriteHistoryGenerator.EVENT_TIME);
        columns.addAll(history.payloadColumns());
        columns.add(DataFileSchema.DELETED_COLUMN);
        columns.add(DataFileSchema.VERSION_COLUMN);
        Map<List<Object>, Object[]> winners = new HashMap<>();
        for (PlannedFile file : VersionedPlanner.plan(snapshot, asOfOf(asOf), ScanFilter.none())) {
            try (CloseableIterator<Object[]> rows = ParquetRowFileReader.open(replay.storage, file.file(),
                    DataFileSchema.of(snapshot.table()), columns)) {
                rows.forEachRemaining(row -> {
                    long eventTime = (Long) row[keyWidth];
                    boolean deleted = (Boolean) row[row.length - 2];
                    if (eventTime > asOf || (wrong == Wrong.IGNORES_DELETES && deleted)) {
                        return;
                    }
                    row[row.length - 1] = row[row.length - 1] == null ? file.stats().addedVersion() : row[row.length - 1];
                    List<Object> key = VersionedModel.normalise(Arrays.asList(row).subList(0, keyWidth));
                    winners.merge(key, row, (known, candidate) -> wins(candidate, known, keyWidth, wrong) ? candidate : known);
                });
            }
        }
        return winners.values().stream()
                .filter(row -> !(Boolean) row[row.length - 2])
                .map(row -> Arrays.copyOf(row, row.length - 2))
                .toList();
    }

    private static boolean wins(Object[] candidate, Object[] known, int keyWidth, Wrong wrong) {
        long candidateTime = (Long) candidate[keyWidth];
        long knownTime = (Long) known[keyWidth];
        if (candidateTime != knownTime) {
            return candidateTime > knownTime;
        }
        long candidateVersion = (Long) candidate[candidate.length - 1];
        long knownVersion = (Long) known[known.length - 1];
        return wrong == Wrong.EARLIER_VERSION_WINS_TIES ? candidateVersion < knownVersion : candidateVersion > knownVersion;
    }
}
