package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azof.core.Table;
import io.azof.core.VacuumOperation;
import io.azof.core.commit.CommitResult;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.FileEntry;
import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.Snapshot;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.testing.InProcessChmodFileSystem;
import io.azof.core.testing.SuppliedClock;
import io.azof.core.testing.TestArbitraries;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.WriteHistoryGenerator.History;
import io.azof.core.testing.WriteHistoryGenerator.Write;
import io.azof.core.testing.WriteHistoryGenerator;
import io.azof.core.time.AsOf;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.hadoop.conf.Configuration;

/**
 * Vacuum never deletes a file a retained version needs, on random histories of appends, overwrites, empty
 * writes and retries from {@link WriteHistoryGenerator}, with expiries and vacuums (of files aged past a zero
 * retention) between the writes and leftover files of writers that never committed.
 *
 * <p>What each version reads and which files it references are recorded when it is committed, before any
 * maintenance, and checked after the last vacuum: every retained version reads the same rows at the same
 * event times, every expired version fails with {@link VersionExpiredException}, and the data files left are
 * exactly those some retained version references. A dry run before the last vacuum changes no byte and lists
 * exactly what the vacuum then deletes.
 */
class VacuumPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    /** Loaded once; Hadoop's local file system without native code forks {@code chmod} per file, which this avoids. */
    private static final Configuration HADOOP = InProcessChmodFileSystem.configuration();
    private static final VacuumRequest NO_RETENTION = VacuumRequest.defaults().withShortRetention(Duration.ZERO);

    @Provide
    Arbitrary<History> histories() {
        return TestArbitraries.writeHistories(2, 8, 12, 8, false, false);
    }

    /** Parts per segment group: small, so that these small tables name groups and vacuum must keep the ones roots name. */
    private static final int GROUP_PARTS = 2;

    @BeforeContainer
    static void groupSmallTables() {
        System.setProperty(SegmentGroup.GROUP_PARTS_PROPERTY, Integer.toString(GROUP_PARTS));
    }

    @AfterContainer
    static void groupAsUsual() {
        System.clearProperty(SegmentGroup.GROUP_PARTS_PROPERTY);
    }

    @Property(tries = 40)
    void vacuumNeverDeletesAFileARetainedVersionNeeds(@ForAll("histories") History history, @ForAll long maintenanceSeed)
            throws IOException {
        try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-vacuum-property-")) {
            new Run(history, new Random(maintenanceSeed), temp.path()).check();
        }
    }

    private static final class Run {
        final History history;
        final Random random;
        final Path dir;
        final TableStorage storage;
        /** Per version: what reads at the probe times returned when it was committed. */
        final Map<Long, Map<Long, List<String>>> reads = new HashMap<>();
        /** Per version: the data files its snapshot referenced when it was committed. */
        final Map<Long, Set<String>> references = new HashMap<>();
        final List<Long> probes = new ArrayList<>();
        final StringBuilder log = new StringBuilder();
        long latest;
        /** The earliest retained version, by the rule of {@link ExpiryRequest}, not read back from the table. */
        long earliestRetained = 1;

        Run(History history, Random random, Path dir) throws IOException {
            this.history = history;
            this.random = random;
            this.dir = dir;
            this.storage = TestTables.localStorage(dir, HADOOP);
            probes.add(Long.MAX_VALUE);
            List<Long> times = new ArrayList<>(history.eventTimes());
            for (int i = 0; i < 3 && !times.isEmpty(); i++) {
                probes.add(times.get(random.nextInt(times.size())));
            }
        }

        void check() throws IOException {
            AtomicLong clock = new AtomicLong();
            Table writer = Table.forStorage(storage).withClock(new SuppliedClock(clock::get));
            for (Write write : history.writes()) {
                clock.set(write.clockMillis());
                apply(writer, write);
                if (latest > 0) {
                    maintainSometimes();
                }
            }
            if (latest == 0) {
                return;
            }
            leaveUncommittedFile();
            expire(1 + random.nextInt((int) latest));
            SmallTable.age(dir, LONG_AGO);

            Map<String, String> before = contents();
            Vacuum.Result dryRun = vacuum(NO_RETENTION.withDryRun(true));
            assertThat(contents()).as("a dry run changes nothing; %s", this).isEqualTo(before);
            Set<String> unneeded = dataFiles();
            unneeded.removeAll(retainedReferences());
            assertThat(paths(dryRun)).as("the dry run lists every unneeded file; %s", this).isEqualTo(unneeded);

            Vacuum.Result vacuum = vacuum(NO_RETENTION);
            assertThat(vacuum.files()).as("the vacuum deletes what its dry run listed; %s", this).isEqualTo(dryRun.files());
            checkTable();
        }

        private void apply(Table writer, Write write) throws IOException {
            CommitResult result;
            try {
                // The table compacts after writes often (SPEC section 6.8), so merged runs and bases come and go too.
                WriteOptions options = latest == 0 ? write.options().withAutoCompaction(AutoCompaction.defaults().withMaxRuns(2)) : write.options();
                result = writer.newWrite(options).rows(write.inputSchema(), write.inputRows()).commit();
            } catch (InvalidWriteException e) {
                log.append("\n  rejected: ").append(write.describe());
                return;
            }
            log.append("\n  ").append(result.skipped() ? "skipped" : "v" + result.version()).append(": ").append(write.describe());
            if (result.skipped()) {
                return;
            }
            // The write's version, and the compactions committed after it.
            for (long version = result.version(); version <= writer.latestVersion(); version++) {
                latest = version;
                if (version > result.version()) {
                    log.append("\n  v").append(version).append(": compaction after the write");
                }
                Snapshot snapshot = Table.forStorage(storage).snapshot(latest);
                Map<Long, List<String>> byProbe = new TreeMap<>();
                for (long probe : probes) {
                    byProbe.put(probe, read(snapshot, probe));
                }
                reads.put(latest, byProbe);
                Set<String> files = new TreeSet<>();
                for (Segment segment : snapshot.segments()) {
                    segment.deltas().forEach(d -> files.add(d.file()));
                    segment.bases().forEach(b -> files.add(b.file()));
                }
                files.addAll(manifestsNamed(latest));
                references.put(latest, files);
            }
        }

        /** Now and then: an expiry, or every file aged past the retention and vacuumed. */
        private void maintainSometimes() throws IOException {
            int roll = random.nextInt(6);
            if (roll == 0) {
                expire(1 + random.nextInt(3));
            } else if (roll == 1) {
                leaveUncommittedFile();
                SmallTable.age(dir, LONG_AGO);
                Vacuum.Result result = vacuum(NO_RETENTION);
                log.append("\n  vacuum deleted ").append(paths(result));
                checkTable();
            }
        }

        private Vacuum.Result vacuum(VacuumRequest request) {
            VacuumOperation vacuum = Table.forStorage(storage).vacuum().retention(request.retention()).allowShortRetention();
            return request.dryRun() ? vacuum.dryRun().commit() : vacuum.commit();
        }

        private void expire(int retainLast) {
            long expected = Math.max(earliestRetained, latest - retainLast + 1);
            VersionExpiry.Result result = Table.forStorage(storage).expireVersions().retainLast(retainLast).commit();
            log.append("\n  expire retainLast=").append(retainLast).append(": ").append(result.expiredVersions());
            List<Long> newlyExpired = new ArrayList<>();
            for (long v = earliestRetained; v < expected; v++) {
                newlyExpired.add(v);
            }
            assertThat(result.expiredVersions()).as("versions expired; %s", this).isEqualTo(newlyExpired);
            earliestRetained = expected;
            assertThat(new SnapshotLog(storage).earliestRetained()).isEqualTo(earliestRetained);
        }

        /** A data file no version references, as a writer that died before its commit leaves one: a copy of a real one. */
        private void leaveUncommittedFile() throws IOException {
            Set<String> existing = new TreeSet<>(dataFiles().stream().filter(f -> f.endsWith(".parquet")).toList());
            if (existing.isEmpty()) {
                return;
            }
            String some = existing.iterator().next();
            Path copy = dir.resolve(some).resolveSibling("b0-uncommitted-" + random.nextInt(1_000_000) + ".parquet");
            Files.copy(dir.resolve(some), copy);
            log.append("\n  left ").append(dir.relativize(copy));
        }

        /** Retained versions read as when committed, expired ones fail, and the data files are exactly the retained ones' references. */
        private void checkTable() throws IOException {
            for (long v = 1; v <= latest; v++) {
                long version = v;
                if (v < earliestRetained) {
                    assertThatThrownBy(() -> Table.forStorage(storage).snapshot(version))
                            .as("version %d is expired; %s", v, this)
                            .isInstanceOf(VersionExpiredException.class)
                            .hasMessageContaining("Version " + v);
                    continue;
                }
                Snapshot snapshot = Table.forStorage(storage).snapshot(v);
                for (Map.Entry<Long, List<String>> probe : reads.get(v).entrySet()) {
                    assertThat(read(snapshot, probe.getKey())).as("version %d as of %d; %s", v, probe.getKey(), this)
                            .isEqualTo(probe.getValue());
                }
            }
            // Every file was aged past the zero retention before the vacuum: what is left is exactly what is needed.
            assertThat(dataFiles()).as("data files left after a vacuum; %s", this).isEqualTo(retainedReferences());
        }

        private Set<String> retainedReferences() {
            Set<String> needed = new TreeSet<>();
            for (long v = earliestRetained; v <= latest; v++) {
                needed.addAll(references.get(v));
            }
            return needed;
        }

        private List<String> read(Snapshot snapshot, long asOf) {
            AsOf time = asOf == Long.MAX_VALUE ? AsOf.current() : AsOf.eventTime(asOf);
            List<String> rows = new ArrayList<>();
            try (CloseableIterator<Object[]> it = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(time).select(history.payloadColumns()).rows()) {
                it.forEachRemaining(row -> rows.add(Arrays.deepToString(row)));
            }
            rows.sort(Comparator.naturalOrder());
            return rows;
        }

        /**
         * The segment groups, manifests and chunks version {@code version}'s root names (format version 3), read from the JSON
         * as written: the root's {@code groups[].file}, the {@code segments[].parts[].manifest} of the root or of those
         * groups, and each manifest's {@code chunks[].file}.
         */
        private Set<String> manifestsNamed(long version) throws IOException {
            Set<String> named = new TreeSet<>();
            JsonNode root = JSON.readTree(dir.resolve(MetadataFiles.snapshotFile(version)).toFile());
            List<JsonNode> segments = new ArrayList<>();
            root.path("segments").forEach(segments::add);
            for (JsonNode group : root.path("groups")) {
                String file = group.get("file").asText();
                named.add(file);
                JSON.readTree(dir.resolve(file).toFile()).path("segments").forEach(segments::add);
            }
            for (JsonNode segment : segments) {
                for (JsonNode part : segment.path("parts")) {
                    String manifest = part.get("manifest").asText();
                    named.add(manifest);
                    for (JsonNode chunk : JSON.readTree(dir.resolve(manifest).toFile()).path("chunks")) {
                        named.add(chunk.get("file").asText());
                    }
                }
            }
            return named;
        }

        /** The files vacuum may delete when no retained version needs them: data files, and format version 3's manifests. */
        private Set<String> dataFiles() throws IOException {
            Set<String> files = new TreeSet<>();
            for (String directory : List.of("data", "metadata")) {
                Path path = dir.resolve(directory);
                if (!Files.exists(path)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".parquet") || f.toString().endsWith(".json")))
                            .forEach(f -> files.add(dir.relativize(f).toString()));
                }
            }
            return files;
        }

        private Map<String, String> contents() throws IOException {
            Map<String, String> contents = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    contents.put(dir.relativize(file).toString(), Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis()
                            + " " + Arrays.hashCode(Files.readAllBytes(file)));
                }
            }
            return contents;
        }

        private static Set<String> paths(Vacuum.Result result) {
            Set<String> paths = new TreeSet<>();
            result.files().stream().map(FileEntry::path).forEach(paths::add);
            return paths;
        }

        @Override
        public String toString() {
            return "history " + history.describe() + "\nsteps:" + log;
        }
    }
}
