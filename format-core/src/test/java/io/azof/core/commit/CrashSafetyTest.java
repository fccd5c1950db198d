package io.azof.core.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.azof.core.Table;
import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed at random points leaves its table at a version made of whole writes (SPEC
 * section 6.5): the kill lands while data files, the snapshot or {@code version.txt} are being written,
 * and every time the table opens, its versions run 1..N, each batch in it is complete, every batch the
 * writer reported is there, and the first batch of the next writer, a retry of the one that may have
 * been cut off, is committed at most once thanks to its write id.
 */
class CrashSafetyTest {
    private static final int TABLES = 6;
    private static final int TRIALS_PER_TABLE = 5;
    private static final long SEED = 20240301L;

    @TempDir
    Path dir;

    /** What a killed writer printed before it died. */
    private record Report(long version, long batch, boolean skipped) {
    }

    /** Where the kills landed, judged from what they left behind. */
    private int killsLeavingUnreferencedFiles;
    private int killsLeavingStaleOrEmptyHint;
    private int killsAfterAnUnreportedCommit;
    private int killsLeavingTemporarySnapshotFile;
    /** The command line up to the main class every writer starts with. */
    private List<String> writerJvm;

    @Test
    void killedWriterLeavesConsecutiveVersionsOfWholeBatches() throws Exception {
        Random random = new Random(SEED);
        List<Writer> writers = new ArrayList<>();
        try {
            prepareWriterJvm();
            writers.add(startWriter("0"));
            for (int t = 0; t < TABLES; t++) {
                Path table = dir.resolve("t" + t);
                TableStorage storage = TestTables.localStorage(table);
                Set<Long> reported = new TreeSet<>();
                for (int trial = 0; trial < TRIALS_PER_TABLE; trial++) {
                    Writer writer = writers.get(writers.size() - 1);
                    // The next writer warms up while this one runs and its table is checked.
                    writers.add(startWriter(Integer.toString(writers.size())));
                    long first = reported.isEmpty() ? 0 : Collections.max(reported) + 1;
                    Set<String> filesBefore = dataFiles(table);
                    Set<String> temporaryBefore = temporaryFiles(table);
                    List<Report> reports = runAndKill(writer, table, first, 50 + random.nextInt(350));
                    reports.forEach(r -> reported.add(r.batch()));
                    String context = "table t" + t + ", trial " + trial + ", writer reported " + reports;
                    checkTable(table, storage, reported, reports, filesBefore, context);
                    killsLeavingTemporarySnapshotFile += temporaryBefore.containsAll(temporaryFiles(table)) ? 0 : 1;
                }
                checkReadableWithHint(storage, "");
                checkReadableWithHint(storage, "1");
            }
        } finally {
            for (Writer writer : writers) {
                writer.process().destroyForcibly();
                writer.process().waitFor();
            }
        }
        System.out.printf("CrashSafetyTest: %d kills; %d left unreferenced data files, %d a temporary snapshot file,"
                        + " %d a stale or empty version.txt, %d came after a commit the writer had not reported%n", TABLES * TRIALS_PER_TABLE,
                killsLeavingUnreferencedFiles, killsLeavingTemporarySnapshotFile, killsLeavingStaleOrEmptyHint, killsAfterAnUnreportedCommit);
    }

    /** A writer process (see {@link CrashingWriterMain}) and the files its output goes to. */
    private record Writer(Process process, Path stdout, Path stderr) {
    }

    /**
     * Loading Hadoop and Parquet is most of a writer's start-up, and the test starts dozens of writers:
     * a first writer that only warms up records the classes it loaded in a class-data-sharing archive,
     * which the others map instead of loading. Such an archive needs a classpath of jars, so the class
     * directories are packed into one first. A JVM that cannot use the archive runs without it.
     */
    private void prepareWriterJvm() throws Exception {
        Path classesJar = dir.resolve("classes.jar");
        List<String> classpath = new ArrayList<>(List.of(classesJar.toString()));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(classesJar))) {
            Set<String> packed = new HashSet<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    pack(path, jar, packed);
                } else if (!entry.isEmpty()) {
                    classpath.add(entry);
                }
            }
        }
        List<String> jvm = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", String.join(File.pathSeparator, classpath));
        Path archive = dir.resolve("writer.jsa");
        writerJvm = new ArrayList<>(jvm);
        writerJvm.add("-XX:ArchiveClassesAtExit=" + archive);
        Writer recorder = startWriter("archive");
        recorder.process().getOutputStream().close();
        if (!recorder.process().waitFor(120, TimeUnit.SECONDS) || recorder.process().exitValue() != 0) {
            fail("The warm-up writer did not finish; its stderr:%n%s", Files.readString(recorder.stderr()));
        }
        writerJvm = new ArrayList<>(jvm);
        writerJvm.add("-XX:SharedArchiveFile=" + archive);
    }

    /** Adds the files under {@code root} to {@code jar}, skipping names an earlier classpath entry already has. */
    private static void pack(Path root, JarOutputStream jar, Set<String> packed) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace(File.separatorChar, '/');
            if (packed.add(name)) {
                jar.putNextEntry(new JarEntry(name));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }

    /** Starts a writer, which warms up on a scratch table of its own and then waits for its job on stdin. */
    private Writer startWriter(String name) throws IOException {
        List<String> command = new ArrayList<>(writerJvm);
        command.add(CrashingWriterMain.class.getName());
        command.add(dir.resolve("scratch-" + name).toUri().toString());
        Path stdout = dir.resolve("writer-" + name + ".out");
        Path stderr = dir.resolve("writer-" + name + ".err");
        // Both streams go to files: reading a pipe while the JVM reaps a killed process can fail with "Stream closed".
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Writer(process, stdout, stderr);
    }

    /**
     * Sets the writer to work on {@code table} from batch {@code firstBatch}, waits for its first report,
     * kills it {@code delayMillis} later, and returns every report it printed before it died.
     */
    private static List<Report> runAndKill(Writer writer, Path table, long firstBatch, int delayMillis) throws Exception {
        Process process = writer.process();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((table.toUri() + " " + firstBatch + "\n").getBytes(StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (completeLines(writer.stdout()).isEmpty()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail("The writer reported no commit (%s); its stderr:%n%s",
                            process.isAlive() ? "still running after 60 s" : "exit code " + process.exitValue(),
                            Files.readString(writer.stderr()));
                }
                Thread.sleep(5);
            }
            Thread.sleep(delayMillis);
            if (!process.isAlive()) {
                fail("The writer exited with %d before it was killed; its stderr:%n%s", process.exitValue(), Files.readString(writer.stderr()));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
        List<Report> reports = new ArrayList<>();
        for (String line : completeLines(writer.stdout())) {
            String[] words = line.split(" ");
            assertThat(words).as("writer output line '%s'", line).hasSize(3);
            assertThat(words[0]).as("writer output line '%s'", line).isIn("committed", "skipped");
            reports.add(new Report(Long.parseLong(words[1]), Long.parseLong(words[2]), words[0].equals("skipped")));
        }
        return reports;
    }

    /** The lines the writer finished printing; a kill can cut the last one short. */
    private static List<String> completeLines(Path output) throws IOException {
        String text = Files.readString(output);
        return text.lines().limit(text.chars().filter(c -> c == '\n').count()).toList();
    }

    private void checkTable(Path table, TableStorage storage, Set<Long> reported, List<Report> reports, Set<String> filesBefore,
                            String context) throws IOException {
        Snapshot latest = Table.forStorage(storage).latestSnapshot();
        long n = latest.version();
        assertThat(CommitTestTable.snapshotFilesOnDisk(table)).as(context)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());

        Map<String, Set<String>> keysByOrigin = new TreeMap<>();
        CommitTestTable.readCurrent(storage).forEach((key, origin) -> keysByOrigin.computeIfAbsent(origin, o -> new TreeSet<>()).add(key));
        Set<Long> present = new TreeSet<>();
        for (Map.Entry<String, Set<String>> batch : keysByOrigin.entrySet()) {
            assertThat(batch.getKey()).as(context).startsWith("batch-");
            long number = Long.parseLong(batch.getKey().substring("batch-".length()));
            Set<String> expectedKeys = CrashingWriterMain.rows(number).stream().map(row -> (String) row[0]).collect(Collectors.toSet());
            assertThat(batch.getValue()).as("keys of %s in %s", batch.getKey(), context).isEqualTo(expectedKeys);
            present.add(number);
        }
        // A writer prints after it commits, so at most the batch after the last one reported is present unreported.
        long next = Collections.max(reported) + 1;
        assertThat(present).as(context).containsAll(reported);
        assertThat(reported.size() + (present.contains(next) ? 1 : 0)).as(context).isEqualTo(present.size());

        List<String> writeIdsByVersion = new ArrayList<>();
        for (long v = 1; v <= n; v++) {
            writeIdsByVersion.add(Table.forStorage(storage).snapshot(v).commit().writeId());
        }
        assertThat(writeIdsByVersion).as("write ids of versions 1..%d in %s", n, context)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(present.stream().map(CrashingWriterMain::batchId).toList())
                .isEqualTo(latest.commit().writeIds());
        for (Report report : reports) {
            String writeId = CrashingWriterMain.batchId(report.batch());
            if (report.skipped()) {
                assertThat(writeIdsByVersion.subList(0, (int) report.version())).as("versions up to %s in %s", report, context).contains(writeId);
            } else {
                assertThat(writeIdsByVersion.get((int) report.version() - 1)).as("version of %s in %s", report, context).isEqualTo(writeId);
            }
        }
        assertThat(CommitTestTable.rowsInFiles(latest)).as(context).isEqualTo((long) present.size() * CrashingWriterMain.ROWS_PER_BATCH);

        Path hint = table.resolve(MetadataFiles.VERSION_HINT);
        String hintText = Files.exists(hint) ? Files.readString(hint).strip() : "";
        if (!hintText.isEmpty()) {
            assertThat(Long.parseLong(hintText)).as("version.txt in %s", context).isBetween(1L, n);
        }
        killsLeavingStaleOrEmptyHint += hintText.isEmpty() || Long.parseLong(hintText) < n ? 1 : 0;
        killsAfterAnUnreportedCommit += present.contains(next) ? 1 : 0;
        Set<String> referenced = referencedFiles(latest);
        killsLeavingUnreferencedFiles += dataFiles(table).stream().anyMatch(f -> !filesBefore.contains(f) && !referenced.contains(f)) ? 1 : 0;
    }

    /** A hint that is empty or names an old version only makes readers probe further. */
    private static void checkReadableWithHint(TableStorage storage, String hint) throws IOException {
        long latest = Table.forStorage(storage).latestSnapshot().version();
        Map<String, String> content = CommitTestTable.readCurrent(storage);
        storage.writeAll(MetadataFiles.VERSION_HINT, hint.getBytes(StandardCharsets.UTF_8));
        assertThat(Table.forStorage(storage).latestSnapshot().version()).as("latest version with version.txt '%s'", hint).isEqualTo(latest);
        assertThat(CommitTestTable.readCurrent(storage)).as("content with version.txt '%s'", hint).isEqualTo(content);
    }

    private static Set<String> referencedFiles(Snapshot snapshot) {
        Set<String> files = new HashSet<>();
        for (Segment segment : snapshot.segments()) {
            segment.deltas().forEach(d -> files.add(d.file()));
        }
        return files;
    }

    /** Files {@code ExclusiveCreate} writes before linking them to their snapshot name. */
    private static Set<String> temporaryFiles(Path table) throws IOException {
        if (!Files.exists(table)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(table)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("_tmp.")).collect(Collectors.toSet());
        }
    }

    /** Data files (relative paths as snapshots name them), without Hadoop's checksum files. */
    private static Set<String> dataFiles(Path table) throws IOException {
        Path data = table.resolve("data");
        if (!Files.exists(data)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(f -> table.relativize(f).toString())
                    .collect(Collectors.toSet());
        }
    }
}
