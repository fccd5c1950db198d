package io.azof.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link WritesTour} on a temporary table and checks the table it leaves against the story, worked out by hand
 * with the as-of rule (per ticker, the row with the latest time at or before T; the later version for the same time;
 * none after a delete):
 * <pre>
 *   version 1: ACME 01-02 10.00, ACME 01-31 12.00, INIT 01-03 5.00
 *   version 2: ACME 01-15 11.00 (late)
 *   version 3: INIT deleted 02-01
 *   (the retried delete adds no version)
 *   then one version per tick: ACME 03-01 09:00 + i minutes, 100.00 + i, i = 0..11, and compact versions between them
 * </pre>
 */
class WritesTourTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("WritesTourTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theTourLeavesTheStorysVersionsAndTheSmallAppendsCompactedAfterTheirWrites() {
        String table = dir.resolve("prices").toString();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            new WritesTour.Tour(spark, table).run();
        } finally {
            System.setOut(stdout);
        }
        Table azof = Table.forPath(HadoopStorage.withDefaults(), table);

        // Steps 1 to 4: three versions; the retried delete committed nothing.
        assertThat(operation(azof, 1)).isEqualTo("create");
        assertThat(operation(azof, 2)).isEqualTo("append");
        assertThat(operation(azof, 3)).isEqualTo("append");
        assertThat(azof.snapshot(4).commit().writeId()).isEqualTo("tick-0");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("writeId 'delist-init' was committed before: still version 3");
        assertThat(prices("asOf", "2024-01-20", "versionAsOf", "1")).isEqualTo(Map.of("ACME", "10.00", "INIT", "5.00"));
        assertThat(prices("asOf", "2024-01-20")).isEqualTo(Map.of("ACME", "11.00", "INIT", "5.00"));
        assertThat(prices("asOf", "2024-02-15", "versionAsOf", "2")).isEqualTo(Map.of("ACME", "12.00", "INIT", "5.00"));
        assertThat(prices("asOf", "2024-02-15", "versionAsOf", "3")).isEqualTo(Map.of("ACME", "12.00"));

        // Step 6: every tick is a version of its own, and each one reads the tick's price, compactions in between or not.
        long latest = azof.latestSnapshot().version();
        Map<String, Long> versionOfTick = new TreeMap<>();
        int compactions = 0;
        for (long version = 4; version <= latest; version++) {
            CommitInfo commit = azof.snapshot(version).commit();
            if (CommitInfo.COMPACT.equals(commit.operation())) {
                compactions++;
                assertThat(commit.writeId()).isNull();
            } else {
                versionOfTick.put(commit.writeId(), version);
            }
        }
        assertThat(versionOfTick).hasSize(WritesTour.TICKS);
        for (int tick = 0; tick < WritesTour.TICKS; tick++) {
            long version = versionOfTick.get("tick-" + tick);
            assertThat(prices("versionAsOf", Long.toString(version))).as("current at tick %d's version", tick)
                    .isEqualTo(Map.of("ACME", (100 + tick) + ".00"));
        }
        // More than 8 files in ACME's bucket before the last tick: at least one compaction ran (SPEC 6.8), and afterwards
        // no bucket's newest read merges more than autoCompact.maxRuns files.
        assertThat(compactions).isPositive();
        Snapshot snapshot = azof.latestSnapshot();
        Map<Integer, Long> filesPerBucket = azof.newScan().useSnapshot(snapshot).planTasks().stream()
                .flatMap(task -> task.files().stream())
                .collect(Collectors.groupingBy(file -> file.stats().bucket(), Collectors.counting()));
        assertThat(filesPerBucket.values()).allMatch(files -> files <= 8);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("then version", "(compact, ", "the newest read opens " + filesPerBucket.values().stream()
                        .mapToLong(Long::longValue).sum() + " files over all buckets");
    }

    private static String operation(Table table, long version) {
        return table.snapshot(version).commit().operation();
    }

    /** Each ticker's price in a read with these options. */
    private Map<String, String> prices(String... options) {
        var reader = spark.read().format("azof");
        for (int i = 0; i < options.length; i += 2) {
            reader = reader.option(options[i], options[i + 1]);
        }
        List<Row> rows = reader.load(dir.resolve("prices").toString()).collectAsList();
        return rows.stream().collect(Collectors.toMap(row -> row.getString(0), row -> ((BigDecimal) row.get(2)).toPlainString()));
    }
}
