package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.commit.CommitResult;
import io.azof.core.io.HadoopStorage;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part A of the metadata scenario on a tiny synthetic table (2,000 files over 200 versions), no Spark: the layout the
 * generator promises, that format-core reads the table back as written, that the planner opens the files SPEC section
 * 6.4 says a read at T must open (the expectations are computed here from the layout and the spec's rule, not from
 * the planner), and that an append commits exactly one version. Timings are never asserted.
 */
class MetadataSyntheticTableTest {
    private static final SyntheticTableParameters TINY = new SyntheticTableParameters(2_000, 200, HistoryParameters.DEFAULT_SEED);
    private static final SyntheticTable GENERATOR = new SyntheticTable(TINY);

    @TempDir
    static Path tempDir;

    private static List<SyntheticTable.SyntheticFile> layout;
    private static String path;

    @BeforeAll
    static void writeTable() {
        layout = GENERATOR.files().toList();
        path = tempDir.resolve("table").toString();
        GENERATOR.write(HadoopStorage.withDefaults().table(path));
    }

    /** The bucket of a one-column string key as SPEC section 6.3 defines it: CRC-32C of tag 0x01, length, UTF-8 bytes. */
    private static int bucketOf(String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer canonical = ByteBuffer.allocate(1 + 4 + utf8.length).put((byte) 0x01).putInt(utf8.length).put(utf8);
        CRC32C crc = new CRC32C();
        crc.update(canonical.array());
        return (int) (crc.getValue() % SyntheticTable.BUCKETS);
    }

    private static long keyIndex(String key) {
        return Long.parseLong(key.substring(1));
    }

    /** SPEC section 6.4 without bases: a delta is read at T when its segment starts at or before T and its first record is. */
    private static boolean readAt(SyntheticTable.SyntheticFile file, long asOfMicros) {
        return file.segment().startMicros() <= asOfMicros && file.minEventTimeMicros() <= asOfMicros;
    }

    private static Set<String> expected(Predicate<SyntheticTable.SyntheticFile> opened) {
        return layout.stream().filter(opened).map(SyntheticTable.SyntheticFile::file).collect(Collectors.toSet());
    }

    private static Set<String> planned(List<ScanTask> tasks) {
        List<String> files = tasks.stream().flatMap(t -> t.files().stream()).map(PlannedFile::file).toList();
        assertThat(files).doesNotHaveDuplicates();
        return Set.copyOf(files);
    }

    private static Table table() {
        return Table.forPath(HadoopStorage.withDefaults(), path);
    }

    @Test
    void layoutSpreadsTheFilesEvenlyOverDaysAndBucketsAndSlicesEachCellsKeySpace() {
        assertThat(layout).hasSize((int) TINY.files());
        assertThat(layout.stream().map(SyntheticTable.SyntheticFile::file)).doesNotHaveDuplicates();
        Map<String, List<SyntheticTable.SyntheticFile>> byCell = layout.stream()
                .collect(Collectors.groupingBy(f -> f.segment().id() + "/" + f.bucket()));
        // 2,000 files over 366 x 4 = 1,464 cells: one or two in each.
        assertThat(byCell).hasSize(SyntheticTable.cells());
        assertThat(byCell.values()).allMatch(files -> files.size() == 1 || files.size() == 2);
        for (List<SyntheticTable.SyntheticFile> cell : byCell.values()) {
            List<SyntheticTable.SyntheticFile> slices = cell.stream().sorted(Comparator.comparingLong(SyntheticTable.SyntheticFile::minKeyIndex)).toList();
            assertThat(slices.get(0).minKeyIndex()).isZero();
            assertThat(slices.get(slices.size() - 1).maxKeyIndex()).isEqualTo(SyntheticTable.KEYS - 1);
            for (int i = 1; i < slices.size(); i++) {
                assertThat(slices.get(i).minKeyIndex()).isEqualTo(slices.get(i - 1).maxKeyIndex() + 1);
            }
        }
        LocalDate firstDay = LocalDate.of(2024, 1, 1);
        long previousVersion = 0;
        for (SyntheticTable.SyntheticFile file : layout) {
            LocalDate day = LocalDate.parse(file.segment().id());
            assertThat(day).isBetween(firstDay, LocalDate.of(2024, 12, 31));
            long dayStart = Micros.of(day.atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(file.segment().startMicros()).isEqualTo(dayStart);
            assertThat(file.minEventTimeMicros()).isBetween(dayStart, dayStart + Duration.ofHours(1).toNanos() / 1_000);
            assertThat(file.maxEventTimeMicros()).isGreaterThan(file.minEventTimeMicros()).isLessThanOrEqualTo(file.segment().endMicros());
            assertThat(file.file()).startsWith("data/" + day + "/run-b" + file.bucket() + "-").endsWith(".parquet");
            // Added in time order by versions 1 to V.
            assertThat(file.addedVersion()).isBetween(Math.max(1, previousVersion), TINY.versions());
            previousVersion = file.addedVersion();
        }
        assertThat(previousVersion).isEqualTo(TINY.versions());
    }

    @Test
    void theTableReadsBackAsVersionVWithEveryFileAndVWriteIds() {
        assertThat(table().latestVersion()).isEqualTo(TINY.versions());
        Snapshot snapshot = table().latestSnapshot();
        assertThat(snapshot.version()).isEqualTo(TINY.versions());
        List<DataFileEntry> files = snapshot.dataFiles();
        assertThat(files).hasSize((int) TINY.files());
        assertThat(files.stream().map(DataFileEntry::file).collect(Collectors.toSet())).isEqualTo(expected(f -> true));
        assertThat(snapshot.segments()).hasSize(SyntheticTable.DAYS).allMatch(s -> s.bases().isEmpty());
        assertThat(snapshot.commit().writeIds()).hasSize((int) TINY.versions()).doesNotHaveDuplicates();
        assertThat(snapshot.commit().committedAtMillis()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        // Each entry carries its file's statistics as the layout defines them.
        Map<String, SyntheticTable.SyntheticFile> byName = layout.stream().collect(Collectors.toMap(SyntheticTable.SyntheticFile::file, f -> f));
        for (DataFileEntry entry : files) {
            SyntheticTable.SyntheticFile file = byName.get(entry.file());
            assertThat(entry.stats().bucket()).isEqualTo(file.bucket());
            assertThat(entry.stats().minKey()).containsExactly(file.minKey());
            assertThat(entry.stats().maxKey()).containsExactly(file.maxKey());
            assertThat(entry.stats().minEventTimeMicros()).isEqualTo(file.minEventTimeMicros());
            assertThat(entry.stats().addedVersion()).isEqualTo(file.addedVersion());
            assertThat(entry.segment().id()).isEqualTo(file.segment().id());
        }
    }

    @Test
    void aWholeTablePlanOpensTheFilesTheSpecSaysAReadAtTMustOpen() {
        long now = Micros.of(SyntheticTable.asOfNow());
        assertThat(expected(f -> readAt(f, now))).hasSize((int) TINY.files());
        assertThat(planned(table().newScan().asOf(AsOf.eventTime(now)).planTasks())).isEqualTo(expected(f -> true));

        // Inside day 100, at the first event time of one of its files: earlier days entirely, that day's files whose
        // first record is at or before T (T is inclusive), no later day.
        List<SyntheticTable.SyntheticFile> day100 = layout.stream().filter(f -> f.segment().id().equals("2024-04-09"))
                .sorted(Comparator.comparingLong(SyntheticTable.SyntheticFile::minEventTimeMicros)).toList();
        long midDay = day100.get(day100.size() / 2).minEventTimeMicros();
        Set<String> expected = expected(f -> readAt(f, midDay));
        long earlierDays = layout.stream().filter(f -> f.segment().endMicros() < midDay).count();
        assertThat((long) expected.size()).isGreaterThan(earlierDays).isLessThan(earlierDays + day100.size());
        assertThat(planned(table().newScan().asOf(AsOf.eventTime(midDay)).planTasks())).isEqualTo(expected);
    }

    @Test
    void aOneKeyPlanOpensOnlyTheFilesWhoseBucketAndKeyRangeCanHoldTheKey() {
        String key = SyntheticTable.probeKey();
        assertThat(key).isEqualTo("k0370000");
        int bucket = bucketOf(key);
        long index = keyIndex(key);
        Predicate<SyntheticTable.SyntheticFile> mayHold = f -> f.bucket() == bucket && f.minKeyIndex() <= index && index <= f.maxKeyIndex();
        ScanFilter filter = ScanFilter.builder(SyntheticTable.DEFINITION).keyEquals("key", key).build();

        long now = Micros.of(SyntheticTable.asOfNow());
        Set<String> expected = expected(mayHold.and(f -> readAt(f, now)));
        // Every cell of the key's bucket slices the whole key space, so exactly one file per day can hold it.
        assertThat(expected).hasSize(SyntheticTable.DAYS);
        assertThat(planned(table().newScan().asOf(AsOf.eventTime(now)).filter(filter).planTasks())).isEqualTo(expected);

        long endOfMay = Micros.of(Instant.parse("2024-06-01T00:00:00Z")) - 1;
        Set<String> expectedByJune = expected(mayHold.and(f -> readAt(f, endOfMay)));
        assertThat(expectedByJune).hasSize(152); // January to May: 31 + 29 + 31 + 30 + 31 days
        assertThat(planned(table().newScan().asOf(AsOf.eventTime(endOfMay)).filter(filter).planTasks())).isEqualTo(expectedByJune);
    }

    @Test
    void anAppendCommitsExactlyOneVersionAddingAFilePerBucketOfItsKeys() throws Exception {
        String appendPath = tempDir.resolve("append").toString();
        GENERATOR.write(HadoopStorage.withDefaults().table(appendPath));
        Table table = Table.forPath(HadoopStorage.withDefaults(), appendPath);
        List<Object[]> rows = SyntheticTable.appendRows(0, 100);
        Set<Integer> buckets = new HashSet<>();
        rows.forEach(row -> buckets.add(bucketOf((String) row[0])));

        CommitResult result = table.newAppend().writeId("test-append").rows(SyntheticTable.SCHEMA, rows).commit();

        assertThat(result.skipped()).isFalse();
        assertThat(result.version()).isEqualTo(TINY.versions() + 1);
        assertThat(table.latestVersion()).isEqualTo(TINY.versions() + 1);
        Snapshot latest = table.latestSnapshot();
        assertThat(latest.dataFiles()).hasSize((int) TINY.files() + buckets.size());
        Segment lastDay = latest.segments().get(latest.segments().size() - 1);
        assertThat(lastDay.id()).isEqualTo("2024-12-31");
        assertThat(lastDay.deltas().stream().filter(d -> d.stats().addedVersion() == TINY.versions() + 1)).hasSize(buckets.size());
        assertThat(latest.commit().writeIds()).hasSize((int) TINY.versions() + 1).contains("test-append");
        // The new snapshot lists every file again, and more: it is larger than the one it was based on.
        assertThat(Files.size(Path.of(appendPath, "s" + (TINY.versions() + 1) + ".json")))
                .isGreaterThan(Files.size(Path.of(appendPath, "s" + TINY.versions() + ".json")));
    }

    /**
     * A run of Part A alone, as {@code BenchmarkMain} runs it (an untimed warm-up, then the size): what it reports agrees
     * with the layout, it cleans up after itself, it never starts Spark, and it prints Part A.
     */
    @ParameterizedTest
    @ValueSource(ints = {TableDefinition.LISTING_FORMAT, TableDefinition.MANIFEST_FORMAT})
    void aRunOfTheSyntheticPartReportsThePlansOfTheLayoutAndOneVersionPerAppend(int formatVersion) {
        Path dataDir = tempDir.resolve("run");
        MetadataBenchmark.Settings settings = new MetadataBenchmark.Settings(List.of(TINY), 2, new MinuteSeries(1, 1, 42), dataDir,
                AzofWriteOptions.TABLE_DEFAULTS, 0, List.of(MetadataBenchmark.Part.SYNTHETIC), formatVersion);
        boolean manifests = formatVersion == TableDefinition.MANIFEST_FORMAT;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        MetadataBenchmark.Outcome outcome = new MetadataBenchmark(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run(settings, () -> {
                    throw new AssertionError("the synthetic part needs no Spark");
                });

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.appends()).isEmpty();
        SyntheticResult result = outcome.synthetic().get(0);
        assertThat(outcome.synthetic()).hasSize(1);
        assertThat(result.stopped()).isEmpty();
        long now = Micros.of(SyntheticTable.asOfNow());
        assertThat(result.wholePlanFiles()).isEqualTo(expected(f -> readAt(f, now)).size());
        int bucket = bucketOf(SyntheticTable.probeKey());
        long index = keyIndex(SyntheticTable.probeKey());
        assertThat(result.keyPlanFiles()).isEqualTo(expected(f -> f.bucket() == bucket && f.minKeyIndex() <= index
                && index <= f.maxKeyIndex() && readAt(f, now)).size());
        assertThat(result.wholePlanTasks()).isPositive();
        // Format version 3: the upgrade in place is a version of its own before the two appends.
        assertThat(result.versionAfter()).isEqualTo(TINY.versions() + (manifests ? 3 : 2));
        for (SyntheticResult.Operation operation : SyntheticResult.Operation.values()) {
            if (operation == SyntheticResult.Operation.UPGRADE) {
                assertThat(result.nanos().getOrDefault(operation, List.of())).as("%s", operation).hasSize(manifests ? 1 : 0);
                continue;
            }
            if (operation == SyntheticResult.Operation.PLAN_ONE_KEY_CACHED) {
                // Format version 2 has no manifests to cache.
                assertThat(result.nanos().getOrDefault(operation, List.of())).as("%s", operation).hasSize(manifests ? 2 : 0);
                continue;
            }
            assertThat(result.nanos().get(operation)).as("%s", operation).hasSize(2).allMatch(n -> n > 0);
        }
        assertThat(result.snapshotBytes()).isPositive();
        if (manifests) {
            // A root and the manifests of the last day's parts: less than the listing of every file.
            assertThat(result.appendSnapshotBytes()).isPositive().isLessThan(result.snapshotBytes());
        } else {
            // The last append's snapshot lists every file, the appends' files and two more write ids besides.
            assertThat(result.appendSnapshotBytes()).isGreaterThan(result.snapshotBytes());
        }
        assertThat(result.parsedSnapshotBytes()).isNotEqualTo(-1);
        assertThat(dataDir.resolve(TINY.directoryName())).doesNotExist();
        assertThat(dataDir.resolve(SyntheticMeasurement.WARM_UP.directoryName())).doesNotExist();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("untimed warm-up on 1,000 files",
                "Synthetic table of 2,000 files over 200 versions");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Part A", "2,000", "200", "plan whole table", "plan one key",
                "append + commit", String.format("%,d", expected(f -> true).size())).doesNotContain("Part B");
    }
}
