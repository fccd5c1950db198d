package io.azof.core.maintenance;

import static io.azof.core.maintenance.SmallTable.row;
import static io.azof.core.testing.TestTimes.june2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.io.FileEntry;
import io.azof.core.io.TableStorage;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.testing.TestTables;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vacuum on small hand-written tables. The files a version references are read from its snapshot before
 * any expiry, so what vacuum must keep or delete is known independently of vacuum's own bookkeeping.
 */
class VacuumTest {
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    @TempDir
    Path root;
    Path dir;
    SmallTable table;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(root.resolve("table"));
        // Format version 2: these examples list the data files vacuum deletes; ManifestMaintenanceTest adds format version 3's manifests.
        table = new SmallTable(dir, TestTables.localStorage(dir), TableDefinition.LISTING_FORMAT);
    }

    /** Every file the snapshot of {@code version} references, as paths relative to the table directory. */
    private Set<String> filesOf(long version) {
        Set<String> files = new HashSet<>();
        for (Segment segment : new SnapshotLog(table.storage).read(version).segments()) {
            segment.deltas().forEach(d -> files.add(d.file()));
            segment.bases().forEach(b -> files.add(b.file()));
        }
        return files;
    }

    /** Path -> size, modification time and content digest of every file under {@code top}, checksum files included. */
    private static Map<String, String> contents(Path top) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(top)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                contents.put(top.relativize(file).toString(), bytes.length + " " + Files.getLastModifiedTime(file).toMillis() + " " + sha256(bytes));
            }
        }
        return contents;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> paths(Vacuum.Result result) {
        return result.files().stream().map(FileEntry::path).toList();
    }

    private Vacuum.Result vacuum(VacuumRequest request) {
        return table.vacuum(request);
    }

    private static VacuumRequest shortRetention(Duration retention) {
        return VacuumRequest.defaults().withShortRetention(retention);
    }

    /** v1 writes January and February, v2 overwrites with March, v3 appends April: v1's two files are what v2 dropped. */
    private Set<String> overwrittenHistory() {
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-02-10", 2));
        table.overwrite(june2024(2), row("c", "2024-03-10", 3));
        table.append(june2024(3), row("d", "2024-04-10", 4));
        Set<String> dropped = filesOf(1);
        dropped.removeAll(filesOf(3));
        assertThat(dropped).as("version 1's January and February files").hasSize(2);
        return dropped;
    }

    @Test
    void dryRunDeletesNothingAndListsWhatTheRealRunThenDeletes() throws IOException {
        Set<String> dropped = overwrittenHistory();
        Table.forStorage(table.storage).expireVersions().retainLast(2).commit();
        SmallTable.age(dir, LONG_AGO);
        Map<String, String> before = contents(root);

        Vacuum.Result dryRun = vacuum(VacuumRequest.dryRunDefaults());

        assertThat(contents(root)).isEqualTo(before);
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(paths(dryRun)).containsExactlyInAnyOrderElementsOf(dropped);
        long bytes = 0;
        for (String file : dropped) {
            bytes += Files.size(dir.resolve(file));
        }
        assertThat(dryRun.totalBytes()).isEqualTo(bytes);
        assertThat(dryRun.files()).allSatisfy(f -> assertThat(f.modifiedMillis()).isEqualTo(LONG_AGO.toEpochMilli()));

        Vacuum.Result real = vacuum(VacuumRequest.defaults());
        assertThat(real.dryRun()).isFalse();
        assertThat(real.files()).isEqualTo(dryRun.files());
        assertThat(real.totalBytes()).isEqualTo(bytes);
        for (String file : dropped) {
            assertThat(dir.resolve(file)).doesNotExist();
        }
    }

    @Test
    void deletesTheFilesOfExpiredVersionsAndRetainedVersionsStillRead() {
        Set<String> dropped = overwrittenHistory();
        Map<String, Long> version2 = table.read(2);
        Map<String, Long> version3 = table.read(3);
        Table.forStorage(table.storage).expireVersions().retainLast(2).commit();
        SmallTable.age(dir, LONG_AGO);

        Vacuum.Result result = vacuum(VacuumRequest.defaults());

        assertThat(paths(result)).containsExactlyInAnyOrderElementsOf(dropped);
        assertThat(result.earliestRetainedVersion()).isEqualTo(2);
        assertThat(result.latestVersion()).isEqualTo(3);
        Set<String> needed = filesOf(2);
        needed.addAll(filesOf(3));
        needed.forEach(file -> assertThat(dir.resolve(file)).exists());
        assertThat(table.read(2)).isEqualTo(version2).isEqualTo(Map.of("c", 3L));
        assertThat(table.read(3)).isEqualTo(version3).isEqualTo(Map.of("c", 3L, "d", 4L));
    }

    @Test
    void keepsOldFilesThatARetainedVersionStillReferences() throws IOException {
        overwrittenHistory();
        SmallTable.age(dir, LONG_AGO);
        Map<String, String> before = contents(root);

        assertThat(vacuum(shortRetention(Duration.ZERO)).files()).isEmpty();

        assertThat(contents(root)).isEqualTo(before);
        assertThat(table.read(1)).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    @Test
    void keepsUnreferencedFilesUntilTheyAreOlderThanTheRetention() throws IOException {
        Set<String> dropped = overwrittenHistory();
        Table.forStorage(table.storage).expireVersions().retainLast(1).commit();
        Instant written = Instant.parse("2024-06-10T12:00:00Z");
        SmallTable.age(dir, written);
        VacuumRequest dryRun = VacuumRequest.dryRunDefaults();

        // Exactly seven days old is not older than seven days.
        Clock atRetention = Clock.fixed(written.plus(Duration.ofDays(7)), ZoneOffset.UTC);
        assertThat(table.vacuum(dryRun, atRetention).files()).isEmpty();
        Clock justPast = Clock.fixed(written.plus(Duration.ofDays(7)).plusMillis(1), ZoneOffset.UTC);
        assertThat(paths(table.vacuum(dryRun, justPast))).containsExactlyInAnyOrderElementsOf(dropped);

        // Files written just now are kept by the default retention whatever references them.
        Path fresh = root.resolve("fresh");
        SmallTable freshTable = new SmallTable(Files.createDirectories(fresh), TestTables.localStorage(fresh), TableDefinition.LISTING_FORMAT);
        freshTable.append(june2024(1), row("a", "2024-01-10", 1));
        freshTable.overwrite(june2024(2), row("b", "2024-01-10", 2));
        Table.forStorage(freshTable.storage).expireVersions().retainLast(1).commit();
        Map<String, String> before = contents(fresh);
        assertThat(freshTable.vacuum(VacuumRequest.defaults()).files()).isEmpty();
        assertThat(contents(fresh)).isEqualTo(before);
    }

    @Test
    void deletesTheDataFilesOfAWriterThatNeverCommittedOnceOldEnough() throws IOException {
        table.append(june2024(1), row("a", "2024-01-10", 1));
        Set<String> committed = filesOf(1);
        SmallTable.age(dir, LONG_AGO);
        SmallTable crashing = new SmallTable(dir, diesBeforeCommitting(table.storage), TableDefinition.LISTING_FORMAT);
        assertThatThrownBy(() -> crashing.append(june2024(2), row("b", "2024-01-20", 2), row("c", "2024-05-20", 3)))
                .hasRootCauseMessage("died before committing");
        Set<String> leftovers = new HashSet<>();
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            files.filter(f -> f.toString().endsWith(".parquet")).forEach(f -> leftovers.add(dir.relativize(f).toString()));
        }
        leftovers.removeAll(committed);
        assertThat(leftovers).as("the dead writer's January and May files").hasSize(2);

        // Written just now, they could be a running write's: kept.
        assertThat(vacuum(shortRetention(ONE_HOUR)).files()).isEmpty();
        leftovers.forEach(f -> assertThat(dir.resolve(f)).exists());

        SmallTable.age(dir, LONG_AGO);
        assertThat(paths(vacuum(shortRetention(ONE_HOUR)))).containsExactlyInAnyOrderElementsOf(leftovers);
        leftovers.forEach(f -> assertThat(dir.resolve(f)).doesNotExist());
        assertThat(table.read(1)).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void deletesOldTemporaryFilesOfMetadataWritesAndNothingElseOutsideData() throws IOException {
        table.append(june2024(1), row("a", "2024-01-10", 1));
        table.append(june2024(2), row("b", "2024-01-11", 2));
        Table.forStorage(table.storage).expireVersions().retainLast(1).commit();
        Files.writeString(dir.resolve("_tmp.s3.json.6f1c"), "{\"format_version\": 2");
        Files.writeString(dir.resolve("_tmp.version.txt.0b2e"), "3");
        Files.writeString(dir.resolve("notes.txt"), "not azof's");
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/b0-x.parquet"), "not under data/");
        Files.writeString(root.resolve("beside-the-table.parquet"), "outside");
        SmallTable.age(root, LONG_AGO);
        Map<String, String> before = contents(root);

        Vacuum.Result result = vacuum(shortRetention(ONE_HOUR));

        assertThat(paths(result)).containsExactlyInAnyOrder("_tmp.s3.json.6f1c", "_tmp.version.txt.0b2e");
        Map<String, String> after = contents(root);
        before.keySet().removeIf(p -> p.startsWith("table/_tmp."));
        assertThat(after).isEqualTo(before);
        assertThat(after).containsKeys("table/s1.json", "table/s2.json", "table/version.txt", "table/notes.txt",
                "table/other/b0-x.parquet", "beside-the-table.parquet");
    }

    /** A file a retained version lists only as a per-bucket base must survive like a delta. */
    @Test
    void keepsFilesThatARetainedVersionReferencesOnlyAsABase() throws IOException {
        table.append(june2024(1), row("a", "2024-01-10", 1), row("b", "2024-01-20", 2));
        table.append(june2024(2), row("a", "2024-03-10", 3));
        Snapshot v2 = new SnapshotLog(table.storage).read(2);
        // A base for March holding the state before March 1st: January's only file, copied.
        DeltaFile january = v2.segments().get(0).deltas().get(0);
        String baseFile = "data/" + v2.segments().get(1).id() + "/base-b0-copy.parquet";
        Files.copy(dir.resolve(january.file()), dir.resolve(baseFile));
        Segment march = v2.segments().get(1);
        Segment withBase = march.withFiles(march.deltas(), List.of(new BaseFile(baseFile, january.stats(), 2)));
        CommitInfo commit = new CommitInfo(june2024(3).toEpochMilli(), CommitInfo.APPEND, null, List.of(), 0, 0, 0, 0);
        Snapshot v3 = new Snapshot(3, v2.table(), List.of(v2.segments().get(0), withBase), commit);
        assertThat(table.storage.createIfAbsent("s3.json", SnapshotJson.write(v3).getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(table.read(3)).isEqualTo(Map.of("a", 3L, "b", 2L));
        Table.forStorage(table.storage).expireVersions().retainLast(1).commit();
        SmallTable.age(dir, LONG_AGO);

        assertThat(vacuum(shortRetention(Duration.ZERO)).files()).isEmpty();

        assertThat(dir.resolve(baseFile)).exists();
        assertThat(table.read(3)).isEqualTo(Map.of("a", 3L, "b", 2L));
    }

    @Test
    void retentionUnderSevenDaysIsRefusedUnlessAllowedExplicitly() {
        assertThat(VacuumRequest.defaults().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(VacuumRequest.defaults().dryRun()).isFalse();
        assertThatThrownBy(() -> VacuumRequest.defaults().withRetention(Duration.ofDays(7).minusSeconds(1)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("under the minimum of 7 days")
                .hasMessageContaining("no version references yet")
                .hasMessageContaining("allowShortRetention");
        assertThat(VacuumRequest.defaults().withRetention(Duration.ofDays(30)).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(VacuumRequest.defaults().withShortRetention(ONE_HOUR).retention()).isEqualTo(ONE_HOUR);
        assertThatThrownBy(() -> VacuumRequest.defaults().withShortRetention(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void azof021TablesAreRefusedAndLeftAsTheyWere() throws IOException {
        Files.writeString(dir.resolve("s1.json"), """
                {"schema": {"columns": [{"name": "value", "data_type": "String", "nullable": false}]},
                 "segments": [{"id": "1", "start": "2024-01-01T00:00:00.000Z", "file": "base.parquet"}]}""");
        Files.writeString(dir.resolve("version.txt"), "1");
        Files.writeString(dir.resolve("orphan.parquet"), "unreferenced");
        SmallTable.age(dir, LONG_AGO);
        Map<String, String> before = contents(root);

        assertThatThrownBy(() -> vacuum(shortRetention(Duration.ZERO)))
                .isInstanceOf(AzofException.class)
                .hasMessageContaining("azof 0.2.1")
                .hasMessageContaining("vacuum");
        assertThat(contents(root)).isEqualTo(before);
    }

    /** The table's storage, except that creating a snapshot fails as if the writer's process died there. */
    private static TableStorage diesBeforeCommitting(TableStorage storage) {
        return (TableStorage) Proxy.newProxyInstance(TableStorage.class.getClassLoader(), new Class<?>[] {TableStorage.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createIfAbsent") && ((String) args[0]).matches("s\\d+\\.json")) {
                        throw new IOException("died before committing");
                    }
                    try {
                        return method.invoke(storage, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
