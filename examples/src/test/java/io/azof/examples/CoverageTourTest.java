package io.azof.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.spark.AzofTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CoverageTour} and checks the table it leaves against the story, worked out by hand over hourly slots of
 * 1-2 March 2024 (48 slots):
 * <pre>
 *   version 1: s1, s3 all of 1 March; s2 1 March except 10:00-13:59
 *   version 2: s1, s2 all of 2 March; s3 2 March 00:00-05:59
 *   (the day 2 batch sent again is refused: no version)
 *   version 3: s2 1 March 08:00-15:59 with onOverlap=skip: 08, 09, 14, 15 are covered (4 rows dropped), 10-13 written
 * </pre>
 * so s1 and s2 cover 48 slots, s3 30, with one gap of 18 slots from 2 March 06:00; as known at version 2, s2 also had a gap
 * of 4 slots from 1 March 10:00.
 */
class CoverageTourTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("CoverageTourTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theTourLeavesTheStorysCoverageAndGaps() {
        String table = dir.resolve("readings").toString();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            new CoverageTour.Tour(spark, table).run();
        } finally {
            System.setOut(stdout);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        AzofTable readings = AzofTable.forPath(spark, table);

        assertThat(output).contains("key (sensor=s1) has 1 row in slot [2024-03-02T00:00:00Z, 2024-03-02T01:00:00Z)");
        assertThat(readings.history().orderBy("version").select("version", "operation", "rows_added", "rows_dropped").collectAsList())
                .extracting(Row::toString).containsExactly("[1,create,68,0]", "[2,append,54,0]", "[3,append,4,4]");
        assertThat(readings.coverage(CoverageTour.DAY_1, CoverageTour.DAY_3).orderBy("sensor").collectAsList())
                .extracting(Row::toString).containsExactly("[s1,48,48,1.0,0]", "[s2,48,48,1.0,0]", "[s3,30,48,0.625,18]");
        assertThat(readings.gaps(CoverageTour.DAY_1, CoverageTour.DAY_3).collectAsList())
                .extracting(row -> List.of(row.get(0), row.get(1), row.get(2), row.get(3)))
                .containsExactly(List.of("s3", Instant.parse("2024-03-02T06:00:00Z"), Instant.parse("2024-03-03T00:00:00Z"), 18L));
        assertThat(readings.tableGaps(CoverageTour.DAY_1, CoverageTour.DAY_3).count()).isZero();
        assertThat(readings.gaps(CoverageTour.DAY_1, CoverageTour.DAY_3, 2).orderBy("sensor").collectAsList())
                .extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(3))
                .containsExactly("s2 2024-03-01T10:00:00Z 4", "s3 2024-03-02T06:00:00Z 18");
    }
}
