package io.azof.benchmarks;

import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.io.HadoopStorage;
import io.azof.core.io.Storage;
import io.azof.core.log.ManifestStore;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.ScanFilter;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Part A of the metadata scenario: on synthetic tables of growing size ({@link SyntheticTable}), times what every
 * commit and every plan pays for the latest snapshot with today's layout (format version 2), through format-core's
 * public API only: reading the snapshot, planning a whole-table read and a one-key read as of "now", and a small real
 * append. Needs no Spark.
 *
 * <p>Each size's table is written, measured and deleted (the largest takes gigabytes once its appends have each
 * written a snapshot of every file). A size that runs out of heap stops there, and the larger ones are skipped: how
 * far the layout goes in the benchmark's heap is itself a result.
 */
final class SyntheticMeasurement {
    /** The table an untimed warm-up measures first, so the first size's timings are not the JIT's and class loading's. */
    static final SyntheticTableParameters WARM_UP = SyntheticTableParameters.withDefaultVersions(1_000, HistoryParameters.DEFAULT_SEED);
    /** Rows of each timed append: a minute's batch. */
    static final int APPEND_ROWS = 100;
    /**
     * A size is skipped when the previous one, scaled linearly by the ratio of their files, would take longer than this:
     * the costs measured grow at least linearly, so the projection is optimistic.
     */
    static final Duration PROJECTED_LIMIT = Duration.ofMinutes(30);

    private final Storage storage = HadoopStorage.withDefaults();
    private final PrintStream progress;
    /** 2, the table as written, or 3: the table upgraded in place first. */
    private final int formatVersion;

    SyntheticMeasurement(PrintStream progress, int formatVersion) {
        this.progress = progress;
        this.formatVersion = formatVersion;
    }

    /**
     * Measures every size in order under {@code dataDir}, after an untimed warm-up on {@link #WARM_UP}'s table when
     * {@code warmUp}. Stops at the first size that runs out of heap, and skips a size whose projected time is over
     * {@link #PROJECTED_LIMIT}; the sizes after either are reported as skipped.
     */
    List<SyntheticResult> measureAll(List<SyntheticTableParameters> sizes, Path dataDir, int repetitions, boolean warmUp) {
        if (warmUp && !sizes.isEmpty()) {
            progress.printf("Synthetic tables: an untimed warm-up on %,d files ...%n", WARM_UP.files());
            measure(WARM_UP, dataDir.resolve(WARM_UP.directoryName()), 1);
        }
        List<SyntheticResult> results = new ArrayList<>();
        SyntheticResult previous = null;
        for (SyntheticTableParameters size : sizes) {
            Optional<String> skip = previous == null ? Optional.empty() : reasonToSkip(previous, size);
            SyntheticResult result = skip.isPresent() ? skipped(size, skip.get()) : measure(size, dataDir.resolve(size.directoryName()), repetitions);
            results.add(result);
            previous = result;
        }
        return results;
    }

    /** Why {@code next} is not measured after {@code previous}, if it is not. */
    static Optional<String> reasonToSkip(SyntheticResult previous, SyntheticTableParameters next) {
        if (!previous.complete()) {
            return Optional.of(String.format("skipped: the %,d-file table did not complete", previous.parameters().files()));
        }
        double projectedNanos = previous.elapsedNanos() * (next.files() / (double) previous.parameters().files());
        if (projectedNanos > PROJECTED_LIMIT.toNanos()) {
            return Optional.of(String.format("skipped: the %,d-file table took %.0f s, so this one would take about %.0f min (limit %d min)",
                    previous.parameters().files(), previous.elapsedNanos() / 1e9, projectedNanos / 60e9, PROJECTED_LIMIT.toMinutes()));
        }
        return Optional.empty();
    }

    private static SyntheticResult skipped(SyntheticTableParameters size, String reason) {
        return new SyntheticResult(size, -1, -1, Map.of(), -1, -1, -1, -1, -1, 0, Optional.of(reason));
    }

    /**
     * Writes the table of {@code size} into {@code tableDir} (emptied first), times each operation {@code repetitions}
     * times, and deletes the table. The appends come last, since each adds files and a version.
     */
    SyntheticResult measure(SyntheticTableParameters size, Path tableDir, int repetitions) {
        long start = System.nanoTime();
        Measured measured = new Measured();
        String step = "writing the table";
        try {
            BenchmarkTables.deleteTree(tableDir);
            Files.createDirectories(tableDir);
            String path = tableDir.toAbsolutePath().toString();
            progress.printf("Synthetic table of %,d files over %,d versions in %s ...%n", size.files(), size.versions(), tableDir);
            measured.snapshotBytes = new SyntheticTable(size).write(storage.table(path));
            progress.printf("  written: s%d.json of %,d bytes (%.1f s)%n", size.versions(), measured.snapshotBytes, seconds(start));
            Table table = Table.forPath(storage, path);

            step = "parsing the latest snapshot";
            measured.parsedSnapshotBytes = parsedSnapshotBytes(table, size);
            long latest = size.versions();
            if (formatVersion == TableDefinition.MANIFEST_FORMAT) {
                step = "upgrading in place to format version 3";
                CommitResult upgrade = time(measured, SyntheticResult.Operation.UPGRADE, 1, () -> table.newFormatUpgrade().commit());
                latest = upgrade.version();
                long root = Files.size(tableDir.resolve(MetadataFiles.snapshotFile(latest)));
                progress.printf("  upgraded: s%d.json of %,d bytes and %,d manifests%n", latest, root, manifestsOf(tableDir));
            }

            step = "reading the latest snapshot";
            if (formatVersion == TableDefinition.MANIFEST_FORMAT) {
                time(measured, SyntheticResult.Operation.READ_SNAPSHOT, repetitions, () -> table.head(VersionSelector.latest()));
            } else {
                time(measured, SyntheticResult.Operation.READ_SNAPSHOT, repetitions, table::latestSnapshot);
            }

            step = "planning a whole-table read";
            AsOf now = AsOf.eventTime(SyntheticTable.asOfNow());
            List<ScanTask> whole = time(measured, SyntheticResult.Operation.PLAN_WHOLE_TABLE, repetitions,
                    () -> table.newScan().asOf(now).planTasks());
            measured.wholePlanFiles = files(whole);
            measured.wholePlanTasks = whole.size();
            whole = null; // a plan of a million files is hundreds of megabytes: let the next steps have them

            step = "planning a one-key read";
            ScanFilter oneKey = ScanFilter.builder(SyntheticTable.DEFINITION).keyEquals("key", SyntheticTable.probeKey()).build();
            measured.keyPlanFiles = files(time(measured, SyntheticResult.Operation.PLAN_ONE_KEY, repetitions,
                    () -> table.newScan().asOf(now).filter(oneKey).planTasks()));
            if (formatVersion == TableDefinition.MANIFEST_FORMAT) {
                table.newScan().asOf(now).filter(oneKey).planTasks();
                timeCached(measured, SyntheticResult.Operation.PLAN_ONE_KEY_CACHED, repetitions,
                        () -> table.newScan().asOf(now).filter(oneKey).planTasks());
            }

            for (int append = 0; append < repetitions; append++) {
                step = String.format("appending (append %d of %d; %d committed)", append + 1, repetitions, append);
                List<Object[]> rows = SyntheticTable.appendRows(append, APPEND_ROWS);
                String writeId = "benchmark-append-" + append;
                CommitResult result = time(measured, SyntheticResult.Operation.APPEND, 1,
                        () -> table.newAppend().writeId(writeId).rows(SyntheticTable.SCHEMA, rows).commit());
                long expected = latest + append + 1;
                if (result.skipped() || result.version() != expected) {
                    throw new IllegalStateException("the append " + writeId + " committed " + result + ", expected version " + expected);
                }
                measured.versionAfter = result.version();
                // After each append, so that a size whose later append runs out of heap still reports the metadata one wrote.
                measured.appendSnapshotBytes = metadataBytesOf(tableDir, measured.versionAfter);
            }
        } catch (OutOfMemoryError e) {
            // Whatever the step held is unreachable once its frame is gone: the run goes on to report it.
            measured.stopped = String.format("out of heap (max %.1f GiB) while %s", maxHeapGiB(), step);
            progress.printf("  %s: %s%n", measured.stopped, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BenchmarkTables.deleteTree(tableDir);
        }
        long elapsed = System.nanoTime() - start;
        progress.printf("  done in %.1f s%n", elapsed / 1e9);
        return new SyntheticResult(size, measured.snapshotBytes, measured.parsedSnapshotBytes, measured.nanos, measured.wholePlanFiles,
                measured.wholePlanTasks, measured.keyPlanFiles, measured.appendSnapshotBytes, measured.versionAfter, elapsed,
                Optional.ofNullable(measured.stopped));
    }

    /** What a size measured so far; -1 for what it did not get to. */
    private static final class Measured {
        long snapshotBytes = -1;
        long parsedSnapshotBytes = -1;
        final Map<SyntheticResult.Operation, List<Long>> nanos = new EnumMap<>(SyntheticResult.Operation.class);
        int wholePlanFiles = -1;
        int wholePlanTasks = -1;
        int keyPlanFiles = -1;
        long appendSnapshotBytes = -1;
        long versionAfter = -1;
        String stopped;
    }

    /**
     * Runs {@code operation} {@code repetitions} times, recording each time; returns the last run's result. Each run starts
     * with no parsed manifest cached, as a JVM's first plan or commit of the table does.
     */
    private <T> T time(Measured measured, SyntheticResult.Operation operation, int repetitions, Supplier<T> run) {
        return time(measured, operation, repetitions, run, true);
    }

    /** As {@link #time(Measured, SyntheticResult.Operation, int, Supplier)}, with what earlier runs cached kept. */
    private <T> T timeCached(Measured measured, SyntheticResult.Operation operation, int repetitions, Supplier<T> run) {
        return time(measured, operation, repetitions, run, false);
    }

    private <T> T time(Measured measured, SyntheticResult.Operation operation, int repetitions, Supplier<T> run, boolean cold) {
        T result = null;
        for (int r = 0; r < repetitions; r++) {
            result = null; // the previous run's result is not kept alive through this one
            if (cold) {
                ManifestStore.clearCache();
            }
            long start = System.nanoTime();
            result = run.get();
            long elapsed = System.nanoTime() - start;
            measured.nanos.computeIfAbsent(operation, o -> new ArrayList<>()).add(elapsed);
            progress.printf("  %s: %,.0f ms%n", operation.label, elapsed / 1e6);
        }
        return result;
    }

    /**
     * The heap the parsed latest snapshot holds: used heap after a full collection with it held, minus before. Also
     * checks that the table reads back as written: version V, N files.
     */
    private static long parsedSnapshotBytes(Table table, SyntheticTableParameters size) {
        long before = usedHeapAfterGc();
        Snapshot snapshot = table.latestSnapshot();
        long after = usedHeapAfterGc();
        long files = filesListed(snapshot);
        if (snapshot.version() != size.versions() || files != size.files() || snapshot.commit().writeIds().size() != size.versions()) {
            throw new IllegalStateException("the synthetic table reads back as version " + snapshot.version() + " with " + files
                    + " files and " + snapshot.commit().writeIds().size() + " write ids, not as written: " + size);
        }
        Reference.reachabilityFence(snapshot);
        return after - before;
    }

    /**
     * The metadata bytes version {@code version}'s commit wrote: its {@code s<N>.json}, and the manifests, chunks and segment
     * groups written for it (format version 3 names them {@code p<N>-…}, {@code c<N>-…} and {@code g<N>-…}).
     */
    static long metadataBytesOf(Path tableDir, long version) throws IOException {
        long bytes = Files.size(tableDir.resolve(MetadataFiles.snapshotFile(version)));
        Path manifests = tableDir.resolve(MetadataFiles.MANIFEST_DIRECTORY);
        if (Files.isDirectory(manifests)) {
            try (Stream<Path> files = Files.list(manifests)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("p" + version + "-") || name.startsWith("c" + version + "-") || name.startsWith("g" + version + "-")) {
                        bytes += Files.size(file);
                    }
                }
            }
        }
        return bytes;
    }

    private static long manifestsOf(Path tableDir) throws IOException {
        try (Stream<Path> files = Files.list(tableDir.resolve(MetadataFiles.MANIFEST_DIRECTORY))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    private static long usedHeapAfterGc() {
        // Two collections: the first may leave objects awaiting finalisation or reference processing to the second.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int files(List<ScanTask> tasks) {
        return tasks.stream().mapToInt(task -> task.files().size()).sum();
    }

    static double maxHeapGiB() {
        return Runtime.getRuntime().maxMemory() / (double) (1L << 30);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The segments' delta counts: how many files a snapshot lists. */
    static long filesListed(Snapshot snapshot) {
        return snapshot.segments().stream().map(Segment::deltas).mapToLong(List::size).sum();
    }
}
