package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.metadata.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part B of the metadata scenario end to end, as {@code BenchmarkMain} runs it: 12 real appends of 20 rows to azof,
 * Delta Lake and Iceberg on a local Spark (past Delta's first checkpoint and azof's first compaction after writes), and
 * the printed table. Part A has tests of its own ({@link MetadataSyntheticTableTest}), which need no Spark. Timings are
 * never asserted. The run happens once for the class (it starts and stops its Spark).
 */
class MetadataScenarioEndToEndTest {
    private static final MinuteSeries SERIES = new MinuteSeries(12, 20, HistoryParameters.DEFAULT_SEED);

    @TempDir
    static Path dataDir;

    private static MetadataBenchmark.Outcome outcome;
    private static RealAppendsResult appends;
    private static String table;
    private static String progress;

    @BeforeAll
    static void run() {
        // No warm-up writes: the tests time nothing.
        MetadataBenchmark.Settings settings = new MetadataBenchmark.Settings(List.of(), 1, SERIES, dataDir, AzofWriteOptions.TABLE_DEFAULTS,
                0, List.of(MetadataBenchmark.Part.APPENDS), TableDefinition.FORMAT_VERSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        outcome = new MetadataBenchmark(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(settings, () -> BenchmarkSpark.start(BenchmarkSpark.DEFAULT_MASTER, 2));
        appends = outcome.appends().orElseThrow();
        table = out.toString(StandardCharsets.UTF_8);
        progress = err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyFormatRecordsEveryAppendsLatencyAndTheMetadataEachWindowAppendWrote() {
        assertThat(outcome.exitCode()).isZero();
        assertThat(appends.windows()).containsExactly(new AppendWindow(1, 10), new AppendWindow(3, 12));
        for (TableFormat format : RealAppendsResult.FORMATS) {
            assertThat(appends.appendNanos().get(format)).as("latencies of %s", format).hasSize(SERIES.appends()).allMatch(n -> n > 0);
            // Every append of every format commits something to its metadata; appends 1 to 12 all lie in a window.
            assertThat(appends.metadataBytes().get(format)).as("metadata bytes of %s", format).hasSize(SERIES.appends())
                    .allSatisfy((append, bytes) -> assertThat(bytes).as("append %d of %s", append, format).isPositive());
        }
    }

    /** The first azof append creates the table: its metadata is s1.json, a version.txt that says "1" and its part manifests. */
    @Test
    void azofsFirstAppendWroteItsFirstSnapshotAndTheHint() throws Exception {
        Path azof = dataDir.resolve(TableFormat.AZOF.directory);
        // Format version 3: the root, the hint, and the part manifests version 1 wrote (named p1-…), which no later commit rewrites.
        long manifests = 0;
        for (Path file : manifestFiles(azof)) {
            if (file.getFileName().toString().startsWith("p1-") || file.getFileName().toString().startsWith("c1-")) {
                manifests += Files.size(file);
            }
        }
        assertThat(manifests).isPositive();
        assertThat(appends.metadataBytes().get(TableFormat.AZOF).get(1)).isEqualTo(Files.size(azof.resolve("s1.json")) + "1".length() + manifests);
    }

    /** Format version 3's manifests and chunks, without Hadoop's checksum files. */
    private static List<Path> manifestFiles(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("metadata"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** On disk at the end: azof has one snapshot per version, the hint and the manifests; each append made a version, compactions one more. */
    @Test
    void metadataOnDiskMatchesTheVersionsCommitted() throws IOException {
        long versions = Table.forPath(HadoopStorage.withDefaults(), dataDir.resolve(TableFormat.AZOF.directory).toString()).latestVersion();
        assertThat(appends.azofVersions()).isEqualTo(versions).isGreaterThanOrEqualTo(SERIES.appends());
        assertThat(appends.metadataAtEnd().get(TableFormat.AZOF).files())
                .isEqualTo(versions + 1 + manifestFiles(dataDir.resolve(TableFormat.AZOF.directory)).size());
        // Delta: a commit JSON per append at least; Iceberg: a metadata.json, a manifest list and a manifest per append.
        assertThat(appends.metadataAtEnd().get(TableFormat.DELTA).files()).isGreaterThanOrEqualTo(SERIES.appends());
        assertThat(appends.metadataAtEnd().get(TableFormat.ICEBERG).files()).isGreaterThanOrEqualTo(3L * SERIES.appends());
        long azofWritten = appends.metadataBytes().get(TableFormat.AZOF).values().stream().mapToLong(Long::longValue).sum();
        assertThat(azofWritten).isGreaterThanOrEqualTo(appends.metadataAtEnd().get(TableFormat.AZOF).bytes());
    }

    /** The series has one row per key per append, so the current state has one row per key: 20. */
    @Test
    void theAzofReadCountsOneRowPerKey() {
        assertThat(appends.azofReads()).singleElement().satisfies(read -> {
            assertThat(read.afterAppends()).isEqualTo(SERIES.appends());
            assertThat(read.rows()).isEqualTo(SERIES.rowsPerAppend());
            assertThat(read.nanos()).hasSize(1);
        });
    }

    @Test
    void theTableNamesEveryRowOfPartB() {
        assertThat(outcome.synthetic()).isEmpty();
        assertThat(table).contains("metadata scenario", "Part B: 12 appends x 20 rows", "Append latency", "Metadata written per append",
                "Metadata on disk after 12 appends", "azof read", "azof", "Delta Lake", "Apache Iceberg", "1-10", "3-12")
                .doesNotContain("Part A");
        assertThat(progress).contains("append 12/12 written", "azof read after 12 appends: 20 rows");
        assertThat(dataDir.resolve(TableFormat.DELTA.directory)).isDirectory();
    }
}
