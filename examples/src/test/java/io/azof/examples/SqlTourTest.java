package io.azof.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.examples.SqlTour.Change;
import io.azof.examples.SqlTour.Findings;
import io.azof.examples.SqlTour.Ranked;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link SqlTour} on a temporary warehouse and checks its answers against the story's filings, worked out here by
 * hand with the as-of rule (per company, the filing with the latest date at or before 2019-01-17 among the versions
 * read; the greater version for the same date; none after a delisting):
 * <pre>
 *   version 1: HWRE 10-23 9000 (Hardware); ACMS 10-24 4100; BYTE 10-25 3900; CLDX 10-30 2500; DTWR 11-01 2200;
 *              ECOD 11-06 1800; FLUX 11-08 1500; GRPH 11-13 1100; ACMS 01-15 4400; HWRE 01-16 9400;
 *              DTWR 01-16 22500 (typo); ECOD 01-17 2600; GRPH 01-24 1200; BYTE 01-30 4300
 *   version 2: DTWR 01-16 2250 (the fix); FLUX 01-14 3100 (late)
 *   version 3: CLDX delisted 01-11
 * </pre>
 */
class SqlTourTest {
    private static final Ranked ACMS_JAN = new Ranked("ACMS", 4400, 1000);
    private static final Ranked BYTE_OCT = new Ranked("BYTE", 3900, 410);
    private static final Ranked BYTE_JAN = new Ranked("BYTE", 4300, 480);
    private static final Ranked CLDX_OCT = new Ranked("CLDX", 2500, -120);
    private static final Ranked DTWR_TYPO = new Ranked("DTWR", 22500, 320);
    private static final Ranked DTWR_JAN = new Ranked("DTWR", 2250, 320);
    private static final Ranked ECOD_JAN = new Ranked("ECOD", 2600, 210);
    private static final Ranked FLUX_JAN = new Ranked("FLUX", 3100, 260);

    private static SparkSession spark;

    @TempDir
    Path warehouse;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("SqlTourTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void everyRouteToTheTopFiveGivesTheStorysAnswers() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        Findings findings;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            findings = new SqlTour.Tour(spark, warehouse).run();
        } finally {
            System.setOut(stdout);
        }

        // As of 2019-01-17 in the latest version: ECOD's filing of that very day counts (inclusive), BYTE's of 01-30 not
        // yet; DTWR's typo is fixed, FLUX's late filing is in, and CLDX is gone since 01-11. HWRE is not software.
        List<Ranked> latestTopFive = List.of(ACMS_JAN, BYTE_OCT, FLUX_JAN, ECOD_JAN, DTWR_JAN);
        assertThat(findings.topFive()).containsExactlyElementsOf(latestTopFive);
        assertThat(findings.topFiveFromDataFrameView()).containsExactlyElementsOf(latestTopFive);
        assertThat(findings.topFiveFromUsingView()).containsExactlyElementsOf(latestTopFive);
        // Current: BYTE's January filing now counts.
        assertThat(findings.topFiveCurrent()).containsExactly(ACMS_JAN, BYTE_JAN, FLUX_JAN, ECOD_JAN, DTWR_JAN);
        // Version 1: the typo on top, FLUX still at its November 1500, CLDX listed.
        assertThat(findings.topFiveKnownAtVersion1()).containsExactly(DTWR_TYPO, ACMS_JAN, BYTE_OCT, ECOD_JAN, CLDX_OCT);
        // Version 2: the corrections, CLDX still listed (its 2500 beats DTWR's 2250).
        assertThat(findings.topFiveKnownAtVersion2()).containsExactly(ACMS_JAN, BYTE_OCT, FLUX_JAN, ECOD_JAN, CLDX_OCT);
        assertThat(findings.topFiveKnownAtVersion2CommitTime()).containsExactlyElementsOf(findings.topFiveKnownAtVersion2());
        // Every company whose 2019-01-17 revenue differs between version 1 and now (GRPH's 1100 and the rest did not change).
        assertThat(findings.changedSinceVersion1()).containsExactly(
                new Change("CLDX", 2500L, null), new Change("DTWR", 22500L, 2250L), new Change("FLUX", 1500L, 3100L));

        assertThat(findings.catalogTopFive()).as("TIMESTAMP AS OF through the catalog").containsExactlyElementsOf(latestTopFive);
        // What a notebook user pastes: the statements as run, each ending in a semicolon.
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(SqlTour.topFiveQuery("azof_as_of('" + warehouse.resolve("db/financials") + "', '2019-01-17')") + ";")
                .contains("CREATE OR REPLACE TEMPORARY VIEW financials_asof USING azof OPTIONS (path '"
                        + warehouse.resolve("db/financials") + "', asOf '2019-01-17');");
    }
}
