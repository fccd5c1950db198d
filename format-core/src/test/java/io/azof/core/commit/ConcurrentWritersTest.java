package io.azof.core.commit;

import static io.azof.core.commit.CommitTestTable.APPEND;
import static io.azof.core.commit.CommitTestTable.OVERWRITE;
import static io.azof.core.commit.CommitTestTable.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.SnapshotRaceGate;
import io.azof.core.testing.TestTables;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writer threads racing on one table on the local file system (SPEC section 6.5): appends never
 * conflict and each lands exactly once, versions have no gaps, and whatever cannot be re-based fails
 * with a {@link CommitConflictException} naming both versions, leaving no trace.
 */
class ConcurrentWritersTest {
    private static final int WRITERS = 4;
    private static final int ROWS_PER_WRITE = 3;

    @TempDir
    Path dir;
    TableStorage plain;

    @BeforeEach
    void setUp() throws IOException {
        plain = TestTables.localStorage(dir);
    }

    /** One write as its caller saw it: the result, or what it threw. */
    private record Outcome(String writeId, WriteOptions.Mode mode, List<Object[]> rows, CommitResult result, RuntimeException failure) {
        @Override
        public String toString() {
            return writeId + " " + mode + " -> " + (failure == null ? result : failure);
        }
    }

    /** Writes rows keyed {@code <writeId>-<i>} whose origin is the write id. */
    private static Outcome write(TableStorage storage, String writeId, WriteOptions options) {
        List<Object[]> rows = CommitTestTable.rows(writeId, writeId, ROWS_PER_WRITE);
        try {
            return new Outcome(writeId, options.mode(), rows, Table.forStorage(storage).newWrite(options.withWriteId(writeId)).rows(SCHEMA, rows).commit(), null);
        } catch (RuntimeException e) {
            return new Outcome(writeId, options.mode(), rows, null, e);
        }
    }

    /** Runs {@code writers} writers, each on its own thread, released together; returns all their outcomes. */
    private static List<Outcome> runTogether(int writers, IntFunction<List<Outcome>> writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    return writer.apply(id);
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<List<Outcome>> future : futures) {
                outcomes.addAll(future.get(120, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Outcome> successesByVersion(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.failure() == null)
                .sorted(Comparator.comparingLong(o -> o.result().version())).toList();
    }

    /**
     * Snapshot files exist for exactly versions 1..latest, and version {@code first + i} is the commit of
     * {@code successes.get(i)}: its write id, its operation, one more write id than the version before,
     * and a later commit time.
     */
    private void assertVersionsAreTheseCommits(List<Outcome> successes, long first) {
        long latest = first + successes.size() - 1;
        assertThat(successes).extracting(o -> o.result().version())
                .containsExactlyElementsOf(LongStream.rangeClosed(first, latest).boxed().toList());
        assertThat(CommitTestTable.snapshotFilesOnDisk(dir)).containsExactlyElementsOf(LongStream.rangeClosed(1, latest).boxed().toList());
        List<Snapshot> snapshots = CommitTestTable.allSnapshots(plain);
        assertThat(snapshots).hasSize((int) latest);
        for (int i = 0; i < successes.size(); i++) {
            Outcome outcome = successes.get(i);
            Snapshot snapshot = snapshots.get((int) (first - 1 + i));
            CommitInfo commit = snapshot.commit();
            assertThat(commit.writeId()).as("write id of version %d", snapshot.version()).isEqualTo(outcome.writeId());
            String operation = outcome.mode() == WriteOptions.Mode.OVERWRITE ? CommitInfo.OVERWRITE
                    : snapshot.version() == 1 ? CommitInfo.CREATE : CommitInfo.APPEND;
            assertThat(commit.operation()).as("operation of version %d", snapshot.version()).isEqualTo(operation);
        }
        for (int v = 2; v <= latest; v++) {
            CommitInfo previous = snapshots.get(v - 2).commit();
            CommitInfo commit = snapshots.get(v - 1).commit();
            List<String> grown = new ArrayList<>(previous.writeIds());
            grown.add(commit.writeId());
            assertThat(commit.writeIds()).as("write ids of version %d", v).isEqualTo(grown);
            assertThat(commit.committedAtMillis()).as("committed_at of version %d", v).isGreaterThan(previous.committedAtMillis());
        }
    }

    private void assertNoTemporaryFileLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("_tmp."));
        }
    }

    /** How contended the run was: number of successful writes by how many versions each tried. */
    private static void printAttempts(String test, List<Outcome> successes) {
        System.out.printf("%s: %d successful writes by attempts %s%n", test, successes.size(),
                successes.stream().collect(Collectors.groupingBy(o -> o.result().attempts(), TreeMap::new, Collectors.counting())));
    }

    private static Map<String, String> rowsOf(Outcome outcome) {
        Map<String, String> rows = new HashMap<>();
        outcome.rows().forEach(row -> rows.put((String) row[0], (String) row[2]));
        return rows;
    }

    @Test
    void concurrentAppendsEachCommitExactlyOnceInConsecutiveVersions() throws Exception {
        int appendsPerWriter = 25;
        TableStorage contended = new SnapshotRaceGate(WRITERS, 2).storage(plain);
        List<Outcome> outcomes = runTogether(WRITERS, w -> {
            List<Outcome> mine = new ArrayList<>();
            for (int n = 0; n < appendsPerWriter; n++) {
                mine.add(write(contended, "w" + w + "-" + n, APPEND));
            }
            return mine;
        });

        assertThat(outcomes).filteredOn(o -> o.failure() != null).isEmpty();
        assertThat(outcomes).hasSize(WRITERS * appendsPerWriter).noneMatch(o -> o.result().skipped());
        // All writers first aimed at version 1 together, so all but one of them retried.
        assertThat(outcomes).filteredOn(o -> o.result().attempts() > 1).hasSizeGreaterThanOrEqualTo(WRITERS - 1);

        List<Outcome> successes = successesByVersion(outcomes);
        printAttempts("concurrent appends", successes);
        assertVersionsAreTheseCommits(successes, 1);
        Map<String, String> expected = new TreeMap<>();
        successes.forEach(o -> expected.putAll(rowsOf(o)));
        assertThat(CommitTestTable.readCurrent(plain)).isEqualTo(expected);
        assertThat(CommitTestTable.rowsInFiles(Table.forStorage(plain).latestSnapshot())).isEqualTo(expected.size());
        assertNoTemporaryFileLeft();
    }

    @Test
    void overwritesRacingAppendsEitherWinAVersionOrFailNamingBothVersions() throws Exception {
        int appendsPerWriter = 20;
        int overwritesPerWriter = 3;
        Outcome initial = write(plain, "init", APPEND);
        assertThat(initial.result().version()).isEqualTo(1);
        TableStorage contended = new SnapshotRaceGate(WRITERS, 2).storage(plain);
        // Writers 0 and 1 append; 2 and 3 overwrite until each has won a few times, which they do at the
        // latest once the appenders are done.
        List<Outcome> outcomes = runTogether(WRITERS, w -> {
            List<Outcome> mine = new ArrayList<>();
            if (w < 2) {
                for (int n = 0; n < appendsPerWriter; n++) {
                    mine.add(write(contended, "w" + w + "-" + n, APPEND));
                }
            } else {
                int won = 0;
                for (int n = 0; won < overwritesPerWriter && n < 500; n++) {
                    Outcome outcome = write(contended, "o" + w + "-" + n, OVERWRITE);
                    mine.add(outcome);
                    won += outcome.failure() == null ? 1 : 0;
                }
            }
            return mine;
        });

        List<Outcome> failures = outcomes.stream().filter(o -> o.failure() != null).toList();
        List<Outcome> successes = successesByVersion(outcomes);
        printAttempts("overwrites racing appends (" + failures.size() + " overwrites failed)", successes);
        // Both overwriters first aimed at version 2 together: at most one of them won it.
        assertThat(failures).isNotEmpty();
        assertThat(failures).allSatisfy(o -> {
            assertThat(o.mode()).isEqualTo(WriteOptions.Mode.OVERWRITE);
            assertThat(o.failure()).isInstanceOf(CommitConflictException.class);
            CommitConflictException conflict = (CommitConflictException) o.failure();
            assertThat(conflict.readVersion()).isPositive().isLessThan(conflict.conflictingVersion());
            assertThat(conflict.conflictingVersion()).isLessThanOrEqualTo(successes.size() + 1);
            assertThat(conflict.getMessage())
                    .contains("Cannot commit overwrite based on version " + conflict.readVersion() + ":")
                    .contains("version " + conflict.conflictingVersion() + " was committed concurrently")
                    .contains("Nothing was committed");
        });
        assertThat(successes).filteredOn(o -> o.mode() == WriteOptions.Mode.APPEND).hasSize(2 * appendsPerWriter);
        assertThat(successes).filteredOn(o -> o.mode() == WriteOptions.Mode.OVERWRITE).hasSize(2 * overwritesPerWriter);

        assertVersionsAreTheseCommits(successes, 2);
        Map<String, String> model = new TreeMap<>(rowsOf(initial));
        for (Outcome o : successes) {
            if (o.mode() == WriteOptions.Mode.OVERWRITE) {
                model.clear();
            }
            model.putAll(rowsOf(o));
        }
        assertThat(CommitTestTable.readCurrent(plain)).isEqualTo(model);
        assertThat(CommitTestTable.rowsInFiles(Table.forStorage(plain).latestSnapshot())).isEqualTo(model.size());
        assertNoTemporaryFileLeft();
    }

    @Test
    void twoWritersCreatingTheSameTableBothCommit() throws Exception {
        TableStorage contended = new SnapshotRaceGate(2, 0).storage(plain);
        List<Outcome> outcomes = runTogether(2, w -> List.of(write(contended, "create" + w, APPEND)));

        assertThat(outcomes).filteredOn(o -> o.failure() != null).isEmpty();
        List<Outcome> successes = successesByVersion(outcomes);
        assertThat(successes).extracting(o -> o.result().attempts()).containsExactly(1, 2);
        assertVersionsAreTheseCommits(successes, 1);
        Map<String, String> expected = new TreeMap<>(rowsOf(outcomes.get(0)));
        expected.putAll(rowsOf(outcomes.get(1)));
        assertThat(CommitTestTable.readCurrent(plain)).isEqualTo(expected);
    }

    @Test
    void twoWritersCreatingTheTableWithDifferentKeysOneFailsNamingBothVersions() throws Exception {
        StructType schema = StructType.of(SCHEMA.field(0), SCHEMA.field(1), SCHEMA.field(2), new StructField("alt", PrimitiveType.STRING, false));
        List<Object[]> rows = List.<Object[]>of(new Object[] {"k", 1_000_000L, "o", "a"});
        TableStorage contended = new SnapshotRaceGate(2, 0).storage(plain);
        List<WriteOptions> options = List.of(APPEND.withWriteId("by-key"), APPEND.withKeyColumns("alt").withWriteId("by-alt"));
        List<Object> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (WriteOptions option : options) {
                futures.add(pool.submit(() -> {
                    try {
                        return Table.forStorage(contended).newWrite(option).rows(schema, rows).commit();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            for (Future<Object> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).filteredOn(CommitResult.class::isInstance).singleElement()
                .isEqualTo(new CommitResult(1, false, 1));
        assertThat(outcomes).filteredOn(o -> !(o instanceof CommitResult)).singleElement()
                .isInstanceOfSatisfying(CommitConflictException.class, conflict -> {
                    assertThat(conflict.readVersion()).isZero();
                    assertThat(conflict.conflictingVersion()).isEqualTo(1);
                    assertThat(conflict.getMessage())
                            .contains("Cannot commit append based on version 0:")
                            .contains("version 1 was committed concurrently and it created the table with a different definition");
                });
        int winner = outcomes.get(0) instanceof CommitResult ? 0 : 1;
        Snapshot snapshot = Table.forStorage(plain).latestSnapshot();
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.commit().writeId()).isEqualTo(options.get(winner).writeId());
        assertThat(snapshot.table().keyColumns()).isEqualTo(winner == 0 ? List.of("key") : List.of("alt"));
        assertThat(CommitTestTable.snapshotFilesOnDisk(dir)).containsExactly(1L);
    }

    /**
     * Every writer rewrites {@code version.txt} after its commit with {@code create(overwrite=true)},
     * write, close ({@code HadoopTableStorage.writeAll}). Here the writer of version 9 opens the hint,
     * the writer of version 10 rewrites it completely, then the first one writes and closes: both
     * streams write from offset 0 of the same file, which ends up as "90" (with the checksum of "9").
     * The hint is only a hint: the table must stay readable and writable.
     */
    @Test
    void tableStaysReadableAndWritableAfterTwoWritersRewroteTheHintAtOnce() throws Exception {
        for (int n = 1; n <= 10; n++) {
            assertThat(write(plain, "w" + n, APPEND).result().version()).isEqualTo(n);
        }
        org.apache.hadoop.fs.Path hint = new org.apache.hadoop.fs.Path(plain.location(MetadataFiles.VERSION_HINT));
        FileSystem fs = hint.getFileSystem(new Configuration());
        try (OutputStream nine = fs.create(hint, true)) {
            try (OutputStream ten = fs.create(hint, true)) {
                ten.write("10".getBytes(StandardCharsets.UTF_8));
            }
            nine.write("9".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Table.forStorage(plain).latestSnapshot().version()).isEqualTo(10);
        assertThat(write(plain, "w11", APPEND).result().version()).isEqualTo(11);
    }
}
