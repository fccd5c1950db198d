package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.VersionSelector;
import io.azof.core.io.FileEntry;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.VersionedModel;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lossless run merging (SPEC section 6.8): twelve appends inside January, each adding one delta to the month's one
 * bucket, are merged into one sorted run that keeps every record with its version. Every as-of, versionAsOf and
 * systemTimeAsOf read answers as before, checked against {@link VersionedModel}; the read of the newest data merges one
 * file instead of twelve.
 */
class RunMergingTest {
    private static final int APPENDS = 12;
    private static final Instant FIRST_COMMIT = Instant.parse("2024-02-01T00:00:00Z");
    private static final List<String> DAYS = List.of("2024-01-01", "2024-01-04", "2024-01-11", "2024-01-20", "2024-01-31", "2024-03-01");

    private final VersionedModel model = new VersionedModel();
    private TemporaryDirectory dir;
    private SmallTable table;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestFiles.temporaryDirectory("azof-run-merging-");
        table = new SmallTable(dir.path());
        Random random = new Random(6_8);
        for (int append = 1; append <= APPENDS; append++) {
            List<Object[]> rows = new ArrayList<>();
            List<VersionedModel.Row> modelRows = new ArrayList<>();
            for (String id : List.of("a", "b", "c", "d", "e", "f")) {
                if (random.nextBoolean()) {
                    // Days repeat across appends (ties the later version wins) and go back (late rows).
                    String day = "2024-01-%02d".formatted(1 + random.nextInt(20));
                    long value = 100L * append + random.nextInt(100);
                    rows.add(SmallTable.row(id, day, value));
                    modelRows.add(new VersionedModel.Row(List.of(id), startOfDayMicros(day), List.of(value), false));
                }
            }
            append(rows, modelRows, append);
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        dir.close();
    }

    private void append(List<Object[]> rows, List<VersionedModel.Row> modelRows, int hour) {
        Instant at = FIRST_COMMIT.plus(Duration.ofHours(hour));
        long version = table.append(at, rows.toArray(Object[][]::new));
        assertThat(model.commit(false, modelRows, null, at.toEpochMilli())).isEqualTo(version);
    }

    /** id -> value as of the start of {@code day} at the version {@code selector} picks. */
    private Map<String, Long> read(String day, VersionSelector selector, ScanMetrics metrics) {
        Map<String, Long> result = new TreeMap<>();
        try (var rows = table.table().newScan().atVersion(selector).asOf(AsOf.eventTime(startOfDayMicros(day))).select(List.of("value"))
                .rows(metrics)) {
            rows.forEachRemaining(r -> result.put((String) r[0], (Long) r[2]));
        }
        return result;
    }

    private Map<String, Long> expected(String day, long version) {
        Map<String, Long> result = new TreeMap<>();
        model.state(startOfDayMicros(day), version).forEach((key, row) -> result.put((String) key.get(0), (Long) row.payload().get(0)));
        return result;
    }

    private void everyReadAnswersAsTheModel() {
        for (long version = 1; version <= model.latestVersion(); version++) {
            for (String day : DAYS) {
                assertThat(read(day, VersionSelector.version(version), new ScanMetrics())).as("as of %s, versionAsOf %d", day, version)
                        .isEqualTo(expected(day, version));
                Instant committed = Instant.ofEpochMilli(model.commitTime(version));
                assertThat(read(day, VersionSelector.systemTime(committed.toEpochMilli()), new ScanMetrics()))
                        .as("as of %s, systemTimeAsOf %s", day, committed).isEqualTo(expected(day, version));
            }
        }
    }

    private Segment january(Snapshot snapshot) {
        return snapshot.segments().stream().filter(s -> s.startMicros() == startOfDayMicros("2024-01-01")).findFirst().orElseThrow();
    }

    @Test
    void mergedRunKeepsEveryRecordSoEveryReadAnswersAsBefore() {
        everyReadAnswersAsTheModel();
        ScanMetrics before = new ScanMetrics();
        read("2024-03-01", VersionSelector.latest(), before);
        assertThat(before.deltaFilesOpened()).isEqualTo(APPENDS);

        CompactionResult result = table.table().newCompaction(CompactionPolicy.defaults()).commit();
        assertThat(result.committed()).isTrue();
        assertThat(result.version()).isEqualTo(APPENDS + 1);
        assertThat(result.runsReplaced()).isEqualTo(APPENDS);
        assertThat(result.runsWritten()).isEqualTo(1);
        assertThat(result.basesWritten()).as("nothing lies before January: no base").isZero();
        assertThat(model.commit(false, List.of(), null, table.table().latestSnapshot().commit().committedAtMillis())).isEqualTo(APPENDS + 1);

        Snapshot compacted = table.table().latestSnapshot();
        assertThat(compacted.commit().operation()).isEqualTo(CommitInfo.COMPACT);
        List<DeltaFile> runs = january(compacted).deltas();
        assertThat(runs).hasSize(1);
        // Every record of the twelve deltas, none dropped, not only each key's winner.
        long written = table.table().snapshot(APPENDS).dataFiles().stream().mapToLong(f -> f.stats().rows()).sum();
        assertThat(runs.get(0).stats().rows()).isEqualTo(written);
        // It stands for the newest version it holds, so a base built later that covers that version covers it.
        assertThat(runs.get(0).stats().addedVersion()).isEqualTo(APPENDS);
        assertThat(compacted.dataFiles()).allMatch(f -> f.role() == FileRole.DELTA);

        everyReadAnswersAsTheModel();
        ScanMetrics after = new ScanMetrics();
        read("2024-03-01", VersionSelector.latest(), after);
        assertThat(after.deltaFilesOpened()).isEqualTo(1);
        assertThat(table.table().validate(true).problems()).isEmpty();
        TableHistory.VersionInfo last = table.table().history().get(0);
        assertThat(last.operation()).isEqualTo(CommitInfo.COMPACT);
        assertThat(last.filesAdded()).isEqualTo(1);
        assertThat(last.filesRemoved()).isEqualTo(APPENDS);
    }

    @Test
    void lateRowsAfterTheMergeAndALaterBaseReadAsTheModel() {
        table.table().newCompaction(CompactionPolicy.defaults()).commit();
        model.commit(false, List.of(), null, table.table().latestSnapshot().commit().committedAtMillis());
        // A late row for January lands beside the merged run; February and March get data of their own.
        append(List.of(SmallTable.row("a", "2024-01-02", 9_001L), SmallTable.row("g", "2024-02-10", 9_002L)),
                List.of(new VersionedModel.Row(List.of("a"), startOfDayMicros("2024-01-02"), List.of(9_001L), false),
                        new VersionedModel.Row(List.of("g"), startOfDayMicros("2024-02-10"), List.of(9_002L), false)), 20);
        append(List.<Object[]>of(SmallTable.row("b", "2024-02-20", 9_003L)),
                List.of(new VersionedModel.Row(List.of("b"), startOfDayMicros("2024-02-20"), Collections.singletonList(9_003L), false)), 21);
        // A base at February's start from January's run and the late delta (two files): it covers their versions.
        CompactionResult bases = table.table().newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2).withMinRunsToMerge(0)).commit();
        assertThat(bases.basesWritten()).isEqualTo(1);
        model.commit(false, List.of(), null, table.table().latestSnapshot().commit().committedAtMillis());

        everyReadAnswersAsTheModel();
        // A read in March merges February's base and its two deltas; neither January's run nor the late delta, which the
        // base covers, is opened.
        ScanMetrics march = new ScanMetrics();
        read("2024-03-01", VersionSelector.latest(), march);
        assertThat(march.baseFilesOpened()).isEqualTo(1);
        assertThat(march.deltaFilesOpened()).isEqualTo(2);
        assertThat(table.table().validate(true).problems()).isEmpty();
    }

    @Test
    void replacedDeltasLeaveThroughExpiryAndVacuum() {
        table.table().newCompaction(CompactionPolicy.defaults()).commit();
        List<String> replaced = table.table().snapshot(APPENDS).dataFiles().stream().map(f -> f.file()).toList();
        table.expire(ExpiryRequest.retainLast(1));
        Vacuum.Result vacuum = table.vacuum(new VacuumRequest(Duration.ZERO, false, true), Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        assertThat(vacuum.files().stream().map(FileEntry::path).toList()).as("files vacuum deleted").containsAll(replaced);
        assertThat(read("2024-03-01", VersionSelector.latest(), new ScanMetrics())).isEqualTo(expected("2024-03-01", APPENDS));
    }
}
