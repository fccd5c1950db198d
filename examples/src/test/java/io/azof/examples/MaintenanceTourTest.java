package io.azof.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.testing.TestTables;
import io.azof.examples.MaintenanceTour.Findings;
import io.azof.examples.MaintenanceTour.Reading;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link MaintenanceTour}'s story on a temporary directory and checks what it found against the story's data,
 * restated here rather than taken from the tour: on the 15th of month m of 2024 the boiler reads 60+m, the cellar 10+m
 * (January to September: it is removed on October 1st) and the roof m (March's -40 is corrected to 3 by a later
 * write); after compaction a late cellar reading of 18.4 on August 20th arrives. One bucket, twelve monthly appends,
 * then the correction and the delete: versions 1 to 14.
 */
class MaintenanceTourTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("MaintenanceTourTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void maintenanceCutsTheFilesReadAndKeepsEveryRetainedAnswer() throws IOException {
        String table = dir.resolve("readings").toString();

        Findings findings = new MaintenanceTour.Tour(spark, table).run();

        // Compaction changes no answer (the tour itself also stops if it does).
        assertThat(findings.beforeCompaction()).isEqualTo(storyAnswers(false));
        assertThat(findings.afterCompaction()).isEqualTo(storyAnswers(false));

        // Reads open fewer files: the default policy builds a base at a month start once a read there would merge 4
        // files from before it (SPEC 6.8): April (January, February, March and March's correction), July (the April
        // base, April, May, June), October (the July base, July, August, September) and December (the October base,
        // October, the October delete, November). minFilesToMerge(2) then adds one at every other month from March on.
        assertThat(findings.filesBefore()).isEqualTo(filesOpened(Set.of()));
        assertThat(findings.filesAfterDefault()).isEqualTo(filesOpened(Set.of(4, 7, 10, 12)));
        assertThat(findings.filesAfterEverySegment()).isEqualTo(filesOpened(Set.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12)));
        assertThat(findings.filesBefore().get(11)).as("December before compaction: all 14 writes").isEqualTo(14);
        assertThat(findings.filesAfterEverySegment().get(11)).as("December after: its base and its own file").isEqualTo(2);

        // The late row is seen where it is the latest (August), and the cellar's October delete, kept in the bases
        // after it, still hides the cellar from October on.
        assertThat(findings.afterLateRow()).isEqualTo(storyAnswers(true));
        // The bases of September to December summarised the cellar without the late row: compacting again replaces them.
        assertThat(findings.recompaction().committed()).isTrue();
        assertThat(findings.recompaction().basesReplaced()).isEqualTo(4);

        // 12 appends, the correction, the delete, two compactions, the late row and the third compaction: versions 1 to
        // 18. expireVersions(3) keeps 16 to 18, so version 12 is expired.
        assertThat(findings.expiredRead()).isNotNull();
        assertThat(findings.expiredRead().getMessage()).contains("Version 12").contains("16 to 18");
        assertThatThrownBy(() -> spark.read().format("azof").option("versionAsOf", "12").load(table).collect())
                .isInstanceOf(VersionExpiredException.class);

        // Once only version 18 is retained, the four bases it replaced are used by no version: of the data files vacuum(0)
        // takes exactly those, and every answer of the retained version stays as it was. The table is at format version 3,
        // so vacuum(0) also takes the manifests only the expired versions named (SPEC section 6.12).
        List<String> dataFiles = findings.vacuumed().stream().filter(file -> file.startsWith("data/")).toList();
        assertThat(dataFiles).hasSize(4)
                .allSatisfy(file -> assertThat(file).matches("data/2024-(09|10|11|12)/base-.*\\.parquet"));
        assertThat(findings.vacuumed()).filteredOn(file -> !file.startsWith("data/")).isNotEmpty()
                .allSatisfy(file -> assertThat(file).matches("metadata/[pc]\\d+-.*\\.json"));
        assertThat(findings.vacuumed()).allSatisfy(file -> assertThat(Path.of(table, file)).doesNotExist());
        assertThat(findings.afterVacuum()).isEqualTo(storyAnswers(true));
        assertThat(TestTables.localTable(Path.of(table)).validate(true).problems()).isEmpty();
    }

    /** Each sensor's reading as of the last day of each month, from the story's data. */
    private static Map<YearMonth, List<Reading>> storyAnswers(boolean withLateRow) {
        Map<YearMonth, List<Reading>> answers = new LinkedHashMap<>();
        for (int month = 1; month <= 12; month++) {
            Instant fifteenth = Instant.parse(String.format("2024-%02d-15T00:00:00Z", month));
            List<Reading> readings = new ArrayList<>();
            readings.add(new Reading("boiler", fifteenth, 60 + month));
            if (month == 8 && withLateRow) {
                readings.add(new Reading("cellar", Instant.parse("2024-08-20T00:00:00Z"), 18.4));
            } else if (month <= 9) {
                readings.add(new Reading("cellar", fifteenth, 10 + month));
            }
            readings.add(new Reading("roof", fifteenth, month));
            answers.put(YearMonth.of(2024, month), readings);
        }
        return answers;
    }

    /**
     * Files a read as of each month's last day opens, from the layout rules (SPEC 6.4, 6.8): with one bucket, each
     * write adds one file to the month it touches (one per month, plus the March correction and the October delete).
     * A read opens the latest base at or before it and the files of the months from that base's month on; without a
     * base, every file so far.
     */
    private static List<Integer> filesOpened(Set<Integer> baseMonths) {
        List<Integer> counts = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            int firstMonthRead = 1;
            int files = 0;
            for (int base = month; base >= 1; base--) {
                if (baseMonths.contains(base)) {
                    firstMonthRead = base;
                    files = 1;
                    break;
                }
            }
            for (int read = firstMonthRead; read <= month; read++) {
                files += filesWrittenIn(read);
            }
            counts.add(files);
        }
        return counts;
    }

    private static int filesWrittenIn(int month) {
        return month == 3 || month == 10 ? 2 : 1;
    }
}
