package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.log.MetadataFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The parts of the metadata scenario that need neither Spark nor a table: options, windows, byte counting, skipping, printing. */
class MetadataPartsTest {
    @TempDir
    Path tempDir;

    @Test
    void presetsGiveTenTimesFewerVersionsThanFilesAndTheAppendsOfTheBrief() {
        MetadataBenchmark.Settings reference = settings("--scenario", "metadata", "--size", "reference");
        assertThat(reference.syntheticSizes()).containsExactly(new SyntheticTableParameters(1_000, 100, 42), new SyntheticTableParameters(10_000, 1_000, 42),
                new SyntheticTableParameters(100_000, 10_000, 42), new SyntheticTableParameters(1_000_000, 100_000, 42));
        assertThat(reference.series()).isEqualTo(new MinuteSeries(2_000, 100, 42));
        assertThat(reference.repetitions()).isEqualTo(3);
        assertThat(reference.parts()).containsExactly(MetadataBenchmark.Part.SYNTHETIC, MetadataBenchmark.Part.APPENDS);
        assertThat(reference.dataDir()).isEqualTo(Path.of("target", "bench-data", "metadata-2000x100-seed42"));
        assertThat(reference.warmUpWrites()).isEqualTo(BenchmarkTables.DEFAULT_WARM_UP_WRITES);
        assertThat(reference.formatVersion()).isEqualTo(3);
        assertThat(settings("--scenario", "metadata", "--metadata-format", "2").formatVersion()).isEqualTo(2);

        MetadataBenchmark.Settings small = settings("--scenario", "metadata", "--size", "small");
        assertThat(small.syntheticSizes()).extracting(SyntheticTableParameters::files).containsExactly(1_000L, 10_000L);
        assertThat(small.syntheticSizes()).extracting(SyntheticTableParameters::versions).containsExactly(100L, 1_000L);
        assertThat(small.series()).isEqualTo(new MinuteSeries(200, 100, 42));
    }

    @Test
    void optionsOverrideThePresets() {
        MetadataBenchmark.Settings given = settings("--scenario", "metadata", "--files", "500,5000", "--metadata-versions", "7",
                "--appends", "30", "--rows-per-append", "20", "--repetitions", "5", "--metadata-parts", "appends",
                "--azof-option", "autoCompact=false", "--seed", "7");
        assertThat(given.syntheticSizes()).containsExactly(new SyntheticTableParameters(500, 7, 7), new SyntheticTableParameters(5_000, 7, 7));
        assertThat(given.series()).isEqualTo(new MinuteSeries(30, 20, 7));
        assertThat(given.repetitions()).isEqualTo(5);
        assertThat(given.parts()).containsExactly(MetadataBenchmark.Part.APPENDS);
        assertThat(given.dataDir()).isEqualTo(Path.of("target", "bench-data", "metadata-30x20-seed7-azof-autoCompact=false"));
        assertThat(settings("--scenario", "metadata", "--files", "100,200", "--metadata-versions", "3,4").syntheticSizes())
                .containsExactly(new SyntheticTableParameters(100, 3, 42), new SyntheticTableParameters(200, 4, 42));
        assertThat(settings("--scenario", "metadata", "--size", "small", "--metadata-versions", "9").syntheticSizes())
                .extracting(SyntheticTableParameters::versions).containsExactly(9L, 9L);
    }

    @Test
    void optionsOfOtherScenariosAreRefusedBothWays() {
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--keys", "10")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--keys");
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--versions", "10")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--rounds", "2")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--rounds");
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--methods", "azof")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--files", "10,20", "--metadata-versions", "1,2,3"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--metadata-versions");
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--files", "0")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("files must be");
        assertThatThrownBy(() -> settings("--scenario", "metadata", "--repetitions", "0"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> historySettings("--files", "10")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--files");
        assertThatThrownBy(() -> historySettings("--scenario", "small-appends", "--repetitions", "2"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--repetitions");
        assertThatThrownBy(() -> historySettings("--scenario", "metadata")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void windowsEndAtTenHundredThousandAndTheLastAppend() {
        assertThat(AppendWindow.of(2_000)).containsExactly(new AppendWindow(1, 10), new AppendWindow(91, 100),
                new AppendWindow(991, 1_000), new AppendWindow(1_991, 2_000));
        assertThat(AppendWindow.of(200)).containsExactly(new AppendWindow(1, 10), new AppendWindow(91, 100), new AppendWindow(191, 200));
        assertThat(AppendWindow.of(12)).containsExactly(new AppendWindow(1, 10), new AppendWindow(3, 12));
        assertThat(AppendWindow.of(4)).containsExactly(new AppendWindow(1, 4));
        assertThat(new AppendWindow(991, 1_000)).hasToString("991-1,000");
    }

    @Test
    void bytesWrittenCountNewAndRewrittenFilesWhole() throws Exception {
        Path metadata = Files.createDirectories(tempDir.resolve("delta").resolve("_delta_log"));
        Files.write(metadata.resolve("00000000000000000000.json"), new byte[100]);
        Files.write(metadata.resolve("_last_checkpoint"), new byte[40]);
        Files.write(tempDir.resolve("delta").resolve("part-0.parquet"), new byte[5_000]);
        BenchmarkTables tables = new BenchmarkTables(tempDir);
        Map<Path, RealAppends.FileState> before = RealAppends.metadataFiles(tables, TableFormat.DELTA);
        assertThat(before).hasSize(2);

        Files.write(metadata.resolve("00000000000000000001.json"), new byte[120]);
        Files.write(metadata.resolve(".00000000000000000001.json.crc"), new byte[12]); // Hadoop's checksum: not counted
        Files.write(metadata.resolve("_last_checkpoint"), new byte[41]); // rewritten: counted whole
        Files.write(tempDir.resolve("delta").resolve("part-1.parquet"), new byte[5_000]); // data: not counted
        assertThat(RealAppends.bytesWritten(before, RealAppends.metadataFiles(tables, TableFormat.DELTA))).isEqualTo(120 + 41);

        // A rewrite of the same size is seen by its modification time.
        before = RealAppends.metadataFiles(tables, TableFormat.DELTA);
        Files.write(metadata.resolve("_last_checkpoint"), new byte[41]);
        Files.setLastModifiedTime(metadata.resolve("_last_checkpoint"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(RealAppends.bytesWritten(before, RealAppends.metadataFiles(tables, TableFormat.DELTA))).isEqualTo(41);
    }

    @Test
    void azofMetadataIsTheTableDirectorysOwnFilesNotItsData() throws Exception {
        Path azof = Files.createDirectories(tempDir.resolve("azof"));
        Files.write(azof.resolve("s1.json"), new byte[300]);
        Files.write(azof.resolve("version.txt"), new byte[1]);
        Files.write(azof.resolve(".s1.json.crc"), new byte[12]);
        Files.createDirectories(azof.resolve("data").resolve("2024-01"));
        Files.write(azof.resolve("data").resolve("2024-01").resolve("b0-x.parquet"), new byte[1_000]);
        assertThat(RealAppends.metadataFiles(new BenchmarkTables(tempDir), TableFormat.AZOF).keySet())
                .containsExactlyInAnyOrder(azof.resolve("s1.json"), azof.resolve("version.txt"));

        // Format version 3: every file in metadata/ (here a part manifest and a chunk) is metadata too.
        Files.createDirectories(azof.resolve(MetadataFiles.MANIFEST_DIRECTORY));
        Path part = azof.resolve(MetadataFiles.manifestFile('p', 1, "2024-01", 0));
        Path chunk = azof.resolve(MetadataFiles.manifestFile('c', 1, "2024-01", 0));
        Files.write(part, new byte[200]);
        Files.write(chunk, new byte[50]);
        assertThat(RealAppends.metadataFiles(new BenchmarkTables(tempDir), TableFormat.AZOF).keySet())
                .containsExactlyInAnyOrder(azof.resolve("s1.json"), azof.resolve("version.txt"), part, chunk);
    }

    @Test
    void thePrintedPartBSaysWhatCountsAsEachFormatsMetadata() {
        MinuteSeries series = new MinuteSeries(12, 20, 42);
        List<AppendWindow> windows = AppendWindow.of(series.appends());
        Map<TableFormat, List<Long>> nanos = new EnumMap<>(TableFormat.class);
        Map<TableFormat, Map<Integer, Long>> bytes = new EnumMap<>(TableFormat.class);
        Map<TableFormat, RealAppendsResult.MetadataOnDisk> atEnd = new EnumMap<>(TableFormat.class);
        for (TableFormat format : RealAppendsResult.FORMATS) {
            nanos.put(format, Collections.nCopies(series.appends(), 1_000_000L));
            bytes.put(format, Map.of(1, 2_048L));
            atEnd.put(format, new RealAppendsResult.MetadataOnDisk(3, 4_096));
        }
        RealAppendsResult appends = new RealAppendsResult(series, windows, nanos, bytes,
                List.of(new RealAppendsResult.AzofRead(series.appends(), List.of(5_000_000L), 20)), atEnd, series.appends());
        MetadataBenchmark.Settings settings = settings("--scenario", "metadata", "--appends", "12", "--rows-per-append", "20",
                "--metadata-parts", "appends");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new MetadataResultTable(settings, List.of(), Optional.of(appends), Optional.empty()).print(new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(printed).contains("Part B", "Metadata written per append",
                "azof: s<N>.json, version.txt and, at format version 3, every file in metadata/ (manifests, chunks)",
                "Delta: _delta_log/ commit JSON", "Iceberg: metadata/ v<N>.metadata.json").doesNotContain("Part A");
    }

    @Test
    void aSizeIsSkippedAfterOneThatRanOutOfHeapOrWhenItsProjectedTimeIsTooLong() {
        SyntheticTableParameters hundredThousand = SyntheticTableParameters.withDefaultVersions(100_000, 42);
        SyntheticTableParameters million = SyntheticTableParameters.withDefaultVersions(1_000_000, 42);
        SyntheticResult quick = result(hundredThousand, 60_000_000_000L, Optional.empty());
        assertThat(SyntheticMeasurement.reasonToSkip(quick, million)).isEmpty();
        SyntheticResult slow = result(hundredThousand, 240_000_000_000L, Optional.empty());
        assertThat(SyntheticMeasurement.reasonToSkip(slow, million)).get().asString().contains("about 40 min");
        SyntheticResult outOfHeap = result(hundredThousand, 1, Optional.of("out of heap"));
        assertThat(SyntheticMeasurement.reasonToSkip(outOfHeap, million)).get().asString().contains("did not complete");
    }

    @Test
    void thePrintedTableNamesEveryMeasureOfPartAAndSaysWhyASizeStopped() {
        SyntheticTableParameters small = SyntheticTableParameters.withDefaultVersions(1_000, 42);
        SyntheticTableParameters large = SyntheticTableParameters.withDefaultVersions(1_000_000, 42);
        SyntheticResult measured = new SyntheticResult(small, 700_000, 2_000_000, Map.of(SyntheticResult.Operation.READ_SNAPSHOT, List.of(5_000_000L)),
                1_000, 4, 366, 710_000, 103, 2_000_000_000L, Optional.empty());
        SyntheticResult stopped = result(large, 90_000_000_000L, Optional.of("out of heap (max 4.0 GiB) while appending"));
        MetadataBenchmark.Settings settings = settings("--scenario", "metadata", "--files", "1000,1000000", "--metadata-parts", "synthetic");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new MetadataResultTable(settings, List.of(measured, stopped), Optional.empty(), Optional.empty())
                .print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("metadata scenario", "Part A", "s<V>.json", "parsed in heap",
                "upgrade to v3", "read snapshot", "plan whole table", "plan one key", "append + commit", "metadata written", "693.4 KiB", "5 ms",
                "1,000,000 files: out of heap (max 4.0 GiB) while appending").doesNotContain("Part B");
    }

    private static SyntheticResult result(SyntheticTableParameters size, long elapsedNanos, Optional<String> stopped) {
        return new SyntheticResult(size, -1, -1, Map.of(), -1, -1, -1, -1, -1, elapsedNanos, stopped);
    }

    private static MetadataBenchmark.Settings settings(String... args) {
        BenchmarkMain main = new BenchmarkMain();
        new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return main.metadataSettings();
    }

    private static Benchmark.Settings historySettings(String... args) {
        BenchmarkMain main = new BenchmarkMain();
        new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return main.settings();
    }
}
