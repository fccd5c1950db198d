package io.azof.core.maintenance;

import static io.azof.core.maintenance.SmallTable.row;
import static io.azof.core.testing.TestTimes.june2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.PartManifest;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.ScanFilter;
import io.azof.core.testing.ForwardingStorage;
import io.azof.core.testing.TestTables;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Format version 3's metadata layout (SPEC section 6.12), checked on the files themselves: a commit writes only the manifests of
 * the parts it changes, a read opens only the manifests of what it can touch, a commit that dies before its root leaves the
 * table as it was, and the in-place upgrade from format version 2 (section 6.13) keeps every version's answers and files.
 */
class ManifestLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void chunkAndGroupAsUsual() {
        System.clearProperty(PartManifest.CHUNK_FILES_PROPERTY);
        System.clearProperty(SegmentGroup.GROUP_PARTS_PROPERTY);
    }

    @Test
    void anAppendRewritesOnlyTheManifestOfThePartItChanges() throws IOException {
        SmallTable table = new SmallTable(dir);
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2), row("c", "2024-03-10", 3));
        Set<String> before = metadataFiles();
        table.append(june2024(2), row("d", "2024-02-20", 4));

        Map<String, String> v1 = manifestsBySegment(1);
        Map<String, String> v2 = manifestsBySegment(2);
        assertThat(v1.keySet()).containsExactly("2024-01", "2024-02", "2024-03");
        assertThat(v2.get("2024-01")).isEqualTo(v1.get("2024-01"));
        assertThat(v2.get("2024-03")).isEqualTo(v1.get("2024-03"));
        assertThat(v2.get("2024-02")).isNotEqualTo(v1.get("2024-02"));
        Set<String> written = metadataFiles();
        written.removeAll(before);
        assertThat(written).containsExactly(v2.get("2024-02"));
        assertThat(table.read(2)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L));
    }

    /** The goal of SPEC section 6.12, counted rather than timed: the metadata a commit writes does not grow with the table. */
    @Test
    void theMetadataACommitWritesStaysTheSameAsTheTableGrows() throws IOException {
        SmallTable table = new SmallTable(dir);
        List<Long> bytesPerCommit = new ArrayList<>();
        List<Integer> filesPerCommit = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            Set<String> before = metadataFiles();
            String key = String.format("k%03d", i);
            long version = table.append(june2024(i + 1), row(key, "2024-01-" + String.format("%02d", 1 + i % 28), i));
            expected.put(key, (long) i);
            Set<String> written = metadataFiles();
            written.removeAll(before);
            long bytes = Files.size(dir.resolve(MetadataFiles.snapshotFile(version)));
            for (String file : written) {
                bytes += Files.size(dir.resolve(file));
            }
            bytesPerCommit.add(bytes);
            filesPerCommit.add(written.size() + 1);
        }
        // 100 deltas in one part: chunks of 32; a commit writes the root, the part manifest and the last chunk at most.
        assertThat(filesPerCommit.subList(40, 100)).allSatisfy(files -> assertThat(files).isLessThanOrEqualTo(3));
        double at50 = bytesPerCommit.subList(40, 60).stream().mapToLong(Long::longValue).average().orElseThrow();
        double at100 = bytesPerCommit.subList(80, 100).stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(at100 / at50).as("bytes per commit around commit 100 over around commit 50: %s", bytesPerCommit).isLessThan(1.2);
        assertThat(table.read(100)).isEqualTo(expected);
    }

    @Test
    void aLargeTablesRootNamesSegmentGroupsAndACommitRewritesOnlyTheGroupItChanges() throws IOException {
        System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, "2");
        SmallTable table = new SmallTable(dir);
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2), row("c", "2024-03-10", 3),
                row("d", "2024-04-10", 4), row("e", "2024-05-10", 5));
        JsonNode first = JSON.readTree(dir.resolve(MetadataFiles.snapshotFile(1)).toFile());
        assertThat(first.has("segments")).as("a root with groups does not list segments").isFalse();
        List<String> groups1 = groupFiles(first);
        assertThat(first.get("groups")).extracting(g -> g.get("segments").asInt()).containsExactly(2, 2, 1);
        Set<String> before = metadataFiles();

        table.append(june2024(2), row("f", "2024-03-20", 6));

        List<String> groups2 = groupFiles(JSON.readTree(dir.resolve(MetadataFiles.snapshotFile(2)).toFile()));
        assertThat(groups2.get(0)).isEqualTo(groups1.get(0));
        assertThat(groups2.get(2)).isEqualTo(groups1.get(2));
        assertThat(groups2.get(1)).as("March's group").isNotEqualTo(groups1.get(1));
        Set<String> written = metadataFiles();
        written.removeAll(before);
        assertThat(written).as("March's part manifest and its group").hasSize(2)
                .anySatisfy(f -> assertThat(f).startsWith("metadata/p2-2024-03-")).contains(groups2.get(1));
        assertThat(table.read(1)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L, "e", 5L));
        assertThat(table.read(2)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L, "e", 5L, "f", 6L));
        assertThat(table.table().validate().isValid()).isTrue();

        // A group no root names any more is vacuumed like any manifest; the ones named stay readable.
        table.expire(ExpiryRequest.retainLast(1));
        SmallTable.age(dir, LONG_AGO);
        Set<String> deleted = table.vacuum(VacuumRequest.defaults().withShortRetention(Duration.ZERO)).files().stream()
                .map(io.azof.core.io.FileEntry::path).filter(p -> p.startsWith("metadata/g")).collect(Collectors.toSet());
        assertThat(deleted).containsExactly(groups1.get(1));
        assertThat(table.read(2)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L, "e", 5L, "f", 6L));
    }

    /**
     * The goal of SPEC section 6.12 for a table that gains a segment with every commit (daily ingestion): with segment
     * groups, what a commit writes grows by one short root entry per group of new parts (here 8), not by every segment's
     * parts; the same commits with every segment in the root show what the measure catches.
     */
    @Test
    void theMetadataACommitWritesGrowsOnlyByAGroupEntryPerGroupOfNewSegments() throws IOException {
        System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, "8");
        double grouped = bytesPerCommitGrowth(dir.resolve("grouped"));
        System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, Integer.toString(Integer.MAX_VALUE));
        double listed = bytesPerCommitGrowth(dir.resolve("listed"));

        // 80 more segments of one part each: 10 more groups of 8, each a root entry of about 100 bytes.
        assertThat(grouped).as("bytes per commit, commits 121-160 minus commits 41-80, with groups").isLessThan(11 * 150);
        assertThat(listed).as("the same with every segment in the root").isGreaterThan(80 * 200);
    }

    /** Average metadata bytes written by commits 121-160 minus those of commits 41-80, each commit a new daily segment. */
    private static double bytesPerCommitGrowth(Path tableDir) throws IOException {
        Table table = Table.forStorage(TestTables.localStorage(tableDir));
        WriteOptions options = SmallTable.OPTIONS.withLayout(io.azof.core.layout.SegmentGranularity.DAY, 1);
        List<Long> bytesPerCommit = new ArrayList<>();
        Instant day = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 160; i++) {
            Set<String> before = filesUnder(tableDir.resolve("metadata"));
            String date = day.plus(Duration.ofDays(i)).toString().substring(0, 10);
            long version = table.newWrite(options).rows(SmallTable.INPUT, List.<Object[]>of(row("k" + i, date, i))).commit().version();
            long bytes = Files.size(tableDir.resolve(MetadataFiles.snapshotFile(version)));
            for (String file : filesUnder(tableDir.resolve("metadata"))) {
                if (!before.contains(file)) {
                    bytes += Files.size(tableDir.resolve("metadata").resolve(file));
                }
            }
            bytesPerCommit.add(bytes);
        }
        double early = bytesPerCommit.subList(40, 80).stream().mapToLong(Long::longValue).average().orElseThrow();
        double late = bytesPerCommit.subList(120, 160).stream().mapToLong(Long::longValue).average().orElseThrow();
        return late - early;
    }

    private static Set<String> filesUnder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.startsWith(".")).collect(Collectors.toSet());
        }
    }

    private static List<String> groupFiles(JsonNode root) {
        List<String> files = new ArrayList<>();
        root.get("groups").forEach(group -> files.add(group.get("file").asText()));
        return files;
    }

    /**
     * With compaction after writes on (the default), a write asks whether to compact; format version 3 answers from the root
     * (and a manifest per bucket that has bases), so an append reads only the manifest of the part it changes.
     */
    @Test
    void anAppendWithCompactionAfterWritesOnReadsOnlyTheManifestOfThePartItChanges() {
        CountingStorage counting = new CountingStorage(TestTables.localStorage(dir));
        Table table = Table.forStorage(counting);
        WriteOptions options = SmallTable.OPTIONS.withLayout(io.azof.core.layout.SegmentGranularity.MONTH, 4)
                .withAutoCompaction(io.azof.core.metadata.AutoCompaction.defaults());
        writeTwelveParts(table, options);

        counting.reads.clear();
        CommitResult appended = table.newWrite(options).rows(SmallTable.INPUT, List.<Object[]>of(row("k07", "2024-03-06", 70))).commit();

        assertThat(appended.version()).as("no compaction was due").isEqualTo(table.latestVersion());
        assertThat(counting.reads.stream().filter(f -> f.startsWith("metadata/")))
                .as("of the 12 parts' manifests, the append reads March's of k07's bucket").hasSize(1);
        assertThat(readKey(table, "k07")).containsExactly(70L);
    }

    /**
     * Manifests are immutable, so a JVM keeps the parsed ones (ManifestCache): a later plan of the same read opens none.
     * Validation checks storage itself, so a manifest deleted by hand is reported even while the cache still holds it.
     */
    @Test
    void aLaterReadInTheJvmParsesNoManifestAgainAndValidationReadsStorage() throws IOException {
        CountingStorage counting = new CountingStorage(TestTables.localStorage(dir));
        Table table = Table.forStorage(counting);
        WriteOptions options = SmallTable.OPTIONS.withLayout(io.azof.core.layout.SegmentGranularity.MONTH, 4);
        writeTwelveParts(table, options);
        ManifestStore.clearCache();
        counting.reads.clear();
        assertThat(readKey(table, "k17")).containsExactly(17L);
        List<String> opened = counting.reads.stream().filter(f -> f.startsWith("metadata/")).toList();
        assertThat(opened).hasSize(3);

        counting.reads.clear();
        assertThat(readKey(table, "k17")).containsExactly(17L);
        assertThat(counting.reads.stream().filter(f -> f.startsWith("metadata/"))).as("the second read's manifests").isEmpty();

        Files.delete(dir.resolve(opened.get(1)));
        ValidationReport report = table.validate();
        assertThat(report.isValid()).isFalse();
        assertThat(report.toString()).contains(opened.get(1));
    }

    @Test
    void aOneKeyReadOpensOnlyTheManifestsOfItsBucketAndTheChunkOfItsKeys() {
        System.setProperty(PartManifest.CHUNK_FILES_PROPERTY, "4");
        CountingStorage counting = new CountingStorage(TestTables.localStorage(dir));
        Table table = Table.forStorage(counting);
        WriteOptions options = SmallTable.OPTIONS.withLayout(io.azof.core.layout.SegmentGranularity.MONTH, 4);
        writeTwelveParts(table, options);

        ManifestStore.clearCache(); // what the read opens, not what an earlier read left parsed
        counting.reads.clear();
        assertThat(readKey(table, "k17")).containsExactly(17L);
        List<String> partsRead = counting.reads.stream().filter(f -> f.startsWith("metadata/p")).toList();
        assertThat(partsRead).as("one part manifest per segment, all of the key's bucket").hasSize(3);
        assertThat(partsRead.stream().map(ManifestLayoutTest::bucketOf).distinct()).hasSize(1);

        ManifestStore.clearCache();
        counting.reads.clear();
        try (var all = table.newScan().rows()) {
            all.forEachRemaining(r -> { });
        }
        assertThat(counting.reads.stream().filter(f -> f.startsWith("metadata/p"))).as("a whole-table read: every part").hasSize(12);

        // One bucket, one segment: 20 appends of one key each, in key order, make chunks of 4 with disjoint key ranges.
        Path chunked = dir.resolve("chunked");
        CountingStorage chunkCounting = new CountingStorage(TestTables.localStorage(chunked));
        Table narrow = Table.forStorage(chunkCounting);
        for (int i = 0; i < 20; i++) {
            narrow.newWrite(SmallTable.OPTIONS).rows(SmallTable.INPUT, List.<Object[]>of(row(String.format("k%02d", i), "2024-01-05", i))).commit();
        }
        ManifestStore.clearCache();
        chunkCounting.reads.clear();
        assertThat(readKey(narrow, "k10")).containsExactly(10L);
        assertThat(chunkCounting.reads.stream().filter(f -> f.startsWith("metadata/"))).as("the part manifest and the chunk holding k10")
                .hasSize(2);
    }

    /** With {@code grouped}, every part is a group of its own, so that the dead commit also wrote segment groups. */
    @ParameterizedTest(name = "segment groups: {0}")
    @ValueSource(booleans = {false, true})
    void aCommitThatDiesAfterWritingItsManifestsLeavesTheTableAtItsLastVersion(boolean grouped) throws IOException {
        if (grouped) {
            System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, "1");
        }
        SmallTable table = new SmallTable(dir);
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2));
        Set<String> committed = metadataFiles();
        TableStorage dying = new ForwardingStorage(table.storage) {
            @Override
            public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
                if (relativePath.matches("s\\d+\\.json")) {
                    throw new IOException("died before its root");
                }
                return super.createIfAbsent(relativePath, content);
            }
        };
        SmallTable crashing = new SmallTable(dir, dying);
        assertThatThrownBy(() -> crashing.append(june2024(2), row("a", "2024-01-20", 9), row("c", "2024-03-10", 3)))
                .hasRootCauseMessage("died before its root");

        Set<String> orphans = metadataFiles();
        orphans.removeAll(committed);
        assertThat(orphans.stream().filter(f -> f.startsWith("metadata/p"))).as("the dead commit's manifests for January and March").hasSize(2);
        assertThat(orphans.stream().filter(f -> f.startsWith("metadata/g"))).as("and its groups of January and March")
                .hasSize(grouped ? 2 : 0);
        assertThat(orphans).hasSize(grouped ? 4 : 2);
        assertThat(table.table().latestVersion()).isEqualTo(1);
        assertThat(table.read(1)).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(table.table().validate().isValid()).isTrue();

        assertThat(table.append(june2024(3), row("d", "2024-02-11", 4))).isEqualTo(2);
        assertThat(table.read(2)).isEqualTo(Map.of("a", 1L, "b", 2L, "d", 4L));
        SmallTable.age(dir, LONG_AGO);
        Set<String> deleted = table.vacuum(VacuumRequest.defaults().withShortRetention(Duration.ZERO)).files().stream()
                .map(io.azof.core.io.FileEntry::path).filter(p -> p.startsWith("metadata/")).collect(Collectors.toSet());
        assertThat(deleted).as("vacuum deletes the manifests no root names, once old enough").isEqualTo(orphans);
        assertThat(table.read(2)).isEqualTo(Map.of("a", 1L, "b", 2L, "d", 4L));
    }

    @Test
    void anInPlaceUpgradeKeepsEveryVersionsAnswersAndFilesAndWriteIds() throws IOException {
        SmallTable table = new SmallTable(dir, TestTables.localStorage(dir), TableDefinition.LISTING_FORMAT);
        table.write(june2024(1), SmallTable.OPTIONS.withFormatVersion(2).withWriteId("load:7"), row("a", "2024-01-10", 1));
        table.write(june2024(2), SmallTable.OPTIONS.withWriteId("first"), row("b", "2024-02-10", 2), row("a", "2024-01-05", 0));
        table.append(june2024(3), row("a", "2024-03-01", 3));
        table.table().withClock(java.time.Clock.fixed(june2024(4), java.time.ZoneOffset.UTC))
                .newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2)).commit();
        long listedLatest = table.table().latestVersion();
        Map<Long, Map<String, Long>> answers = new HashMap<>();
        for (long v = 1; v <= listedLatest; v++) {
            answers.put(v, table.read(v));
        }
        Set<String> files = dataFiles(table.table(), listedLatest);

        CommitResult upgrade = table.table().withClock(java.time.Clock.fixed(june2024(5), java.time.ZoneOffset.UTC)).newFormatUpgrade().commit();

        assertThat(upgrade.skipped()).isFalse();
        assertThat(upgrade.version()).isEqualTo(listedLatest + 1);
        assertThat(formatVersionOf(upgrade.version())).isEqualTo(3);
        assertThat(formatVersionOf(listedLatest)).isEqualTo(2);
        for (long v = 1; v <= listedLatest; v++) {
            assertThat(table.read(v)).as("version %d", v).isEqualTo(answers.get(v));
        }
        assertThat(table.read(upgrade.version())).isEqualTo(answers.get(listedLatest));
        assertThat(dataFiles(table.table(), upgrade.version())).isEqualTo(files);
        assertThat(table.table().history().get(0).operation()).isEqualTo(CommitInfo.UPGRADE);
        CommitInfo commit = table.table().snapshot(upgrade.version()).commit();
        assertThat(commit.writers()).isEqualTo(Map.of("load", 7L));
        assertThat(commit.writeIds()).containsExactly("first");
        // Retries of writes committed before the upgrade commit nothing; a writer's lower sequence is a retry too.
        assertThat(table.write(june2024(6), SmallTable.OPTIONS.withWriteId("load:7"), row("z", "2024-01-01", 0)).skipped()).isTrue();
        assertThat(table.write(june2024(6), SmallTable.OPTIONS.withWriteId("load:5"), row("z", "2024-01-01", 0)).skipped()).isTrue();
        assertThat(table.write(june2024(6), SmallTable.OPTIONS.withWriteId("first"), row("z", "2024-01-01", 0)).skipped()).isTrue();
        assertThat(table.table().newFormatUpgrade().commit().skipped()).isTrue();
        assertThat(table.table().latestVersion()).isEqualTo(upgrade.version());

        long next = table.write(june2024(7), SmallTable.OPTIONS.withWriteId("load:8"), row("c", "2024-03-05", 5)).version();
        assertThat(formatVersionOf(next)).isEqualTo(3);
        assertThat(table.read(next)).containsEntry("c", 5L);
        assertThat(table.table().validate().isValid()).as(table.table().validate().toString()).isTrue();
    }

    @Test
    void readersRefuseAFormatVersionTheyDoNotKnowNamingIt() throws IOException {
        new SmallTable(dir).append(june2024(1), row("a", "2024-01-10", 1));
        JsonNode root = JSON.readTree(dir.resolve("s1.json").toFile());
        // Where readers of format version 2 look (they refuse anything but 2 there, as this one refuses 4).
        assertThat(root.get("format_version").asInt()).isEqualTo(3);
        String future = Files.readString(dir.resolve("s1.json")).replace("\"format_version\" : 3", "\"format_version\" : 4");
        assertThatThrownBy(() -> SnapshotJson.parseFile("s1.json", 1, future))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s1.json has format_version 4")
                .hasMessageContaining("this azof reads format versions 1 (azof 0.2.1), 2 and 3");
        assertThatThrownBy(() -> WriteOptions.fromOptions(WriteOptions.Mode.APPEND, Map.of("formatVersion", "4")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value for option 'formatVersion': '4'");
    }

    @Test
    void aManifestThatIsMissingIsNamedByTheReadAndByValidation() throws IOException {
        SmallTable table = new SmallTable(dir);
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2));
        String february = manifestsBySegment(1).get("2024-02");
        Files.delete(dir.resolve(february));

        assertThatThrownBy(() -> table.read(1)).isInstanceOf(InvalidMetadataException.class).hasMessageContaining(february)
                .hasMessageContaining("is missing");
        ValidationReport report = table.table().validate();
        assertThat(report.isValid()).isFalse();
        assertThat(report.toString()).contains(february);
    }

    /** A table's detail comes from the root's part summaries: the same totals as from every file, without a manifest read. */
    @Test
    void theDetailOfAFormatVersion3TableIsTheDetailOfItsFilesAndReadsNoManifest() {
        System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, "2");
        CountingStorage counting = new CountingStorage(TestTables.localStorage(dir));
        SmallTable table = new SmallTable(dir, counting);
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2), row("c", "2024-03-10", 3));
        table.append(june2024(2), row("a", "2024-01-20", 4), row("d", "2024-04-10", 5));
        table.append(june2024(3), row("b", "2024-02-11", 6));
        table.table().newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2)).commit();
        table.append(june2024(4), row("e", "2024-05-10", 7));
        SnapshotLog log = new SnapshotLog(counting);
        long latest = log.latestVersion();
        assertThat(table.table().detail().baseFiles()).as("the compaction built bases").isPositive();

        counting.reads.clear();
        TableDetail fromRoot = table.table().detail();
        assertThat(counting.reads).noneMatch(f -> f.startsWith("metadata/p") || f.startsWith("metadata/c"));

        assertThat(fromRoot).isEqualTo(TableDetail.of(counting, log.read(latest)));
        assertThat(fromRoot.segments()).isEqualTo(5);
    }

    /** Keys k00 to k39 (value i) in January, February and March: 3 monthly segments times 4 buckets, 12 parts. */
    private static void writeTwelveParts(Table table, WriteOptions options) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (String day : List.of("2024-01-05", "2024-02-05", "2024-03-05")) {
                rows.add(row(String.format("k%02d", i), day, i));
            }
        }
        table.newWrite(options).rows(SmallTable.INPUT, rows).commit();
    }

    private List<Long> readKey(Table table, String key) {
        List<Long> values = new ArrayList<>();
        try (var rows = table.newScan().filter(ScanFilter.builder(table.head(VersionSelector.latest()).table()).keyEquals("id", key).build())
                .select(List.of("value")).rows()) {
            // The filter prunes files and manifests; the rows of other keys in the files read are dropped here.
            rows.forEachRemaining(r -> {
                if (r[0].equals(key)) {
                    values.add((Long) r[2]);
                }
            });
        }
        return values;
    }

    private static String bucketOf(String manifest) {
        // metadata/p<version>-<segment yyyy-MM>-b<bucket>-<uuid>.json: anchored at the start, since a UUID group can read b123.
        return manifest.replaceAll("^metadata/p\\d+-\\d{4}-\\d{2}-(b\\d+)-.*$", "$1");
    }

    private Map<String, String> manifestsBySegment(long version) throws IOException {
        Map<String, String> manifests = new TreeMap<>();
        for (JsonNode segment : JSON.readTree(dir.resolve(MetadataFiles.snapshotFile(version)).toFile()).get("segments")) {
            for (JsonNode part : segment.get("parts")) {
                manifests.put(segment.get("id").asText(), part.get("manifest").asText());
            }
        }
        return manifests;
    }

    private int formatVersionOf(long version) throws IOException {
        return JSON.readTree(dir.resolve(MetadataFiles.snapshotFile(version)).toFile()).get("format_version").asInt();
    }

    private static Set<String> dataFiles(Table table, long version) {
        return table.snapshot(version).dataFiles().stream().map(DataFileEntry::file).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> metadataFiles() {
        Path metadata = dir.resolve("metadata");
        if (!Files.isDirectory(metadata)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(metadata)) {
            // Hadoop's local file system keeps a hidden .crc file beside each file: not the table's.
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.startsWith("."))
                    .map(name -> "metadata/" + name).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records every metadata file read, to see what planning opens. */
    private static final class CountingStorage extends ForwardingStorage {
        final List<String> reads = new CopyOnWriteArrayList<>();

        CountingStorage(TableStorage delegate) {
            super(delegate);
        }

        @Override
        public byte[] readAll(String relativePath) throws IOException {
            reads.add(relativePath);
            return super.readAll(relativePath);
        }
    }
}
