package io.azof.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.io.HadoopStorage;
import io.azof.examples.CoreApiTour.Findings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CoreApiTour} (no Spark) on a temporary directory and checks what it read against its story, restated here:
 * the boiler reads 61 on Jan 5th, 63 on Jan 25th and, arriving late, 62 on Jan 15th; the cellar reads 11 on Jan 10th
 * and is removed on Feb 1st. Versions: 1 create, 2 January, 3 the late reading, 4 the delete, 5 the new column, 6 the
 * compaction. The azof 0.2.1 table test-data/prices is in test-data/prices/*.csv.
 */
class CoreApiTourTest {
    @TempDir
    Path dir;

    @Test
    void theTourReadsWhatItsStorySaysAndChangesOnlyWhatItSays() {
        Path testData = Path.of(System.getProperty("azof.test.data.dir", "../test-data"));
        Findings findings = new CoreApiTour.Tour(HadoopStorage.withDefaults(), dir.resolve("readings").toUri().toString(),
                testData.resolve("prices").toUri().toString(), dir.resolve("prices_v2").toUri().toString()).run();

        Map<String, Map<String, Double>> answers = findings.answers();
        assertThat(answers.get("current")).isEqualTo(Map.of("boiler", 63.0, "cellar", 11.0));
        // The late Jan 15th reading is the latest at or before Jan 20th, but version 2 did not know it.
        assertThat(answers.get("2024-01-20")).isEqualTo(Map.of("boiler", 62.0, "cellar", 11.0));
        assertThat(answers.get("2024-01-20 at version 2")).isEqualTo(Map.of("boiler", 61.0, "cellar", 11.0));
        assertThat(answers.get("2024-01-31")).isEqualTo(Map.of("boiler", 63.0, "cellar", 11.0));
        assertThat(answers.get("2024-02-02")).isEqualTo(Map.of("boiler", 63.0));
        assertThat(findings.retriedVersion()).as("the retried delete reports the version that committed it").isEqualTo(4);

        // One base, at February's start, from January's two files; every answer as before.
        assertThat(findings.compaction().committed()).isTrue();
        assertThat(findings.compaction().basesWritten()).isEqualTo(1);
        assertThat(findings.afterCompaction()).isEqualTo(Map.of("2024-01-20", answers.get("2024-01-20"),
                "2024-01-31", answers.get("2024-01-31"), "2024-02-02", answers.get("2024-02-02")));

        assertThat(findings.operations()).containsExactly("compact", "alter", "append", "append", "append", "create");
        assertThat(findings.valid()).isTrue();
        assertThat(findings.expired()).containsExactly(1L, 2L, 3L, 4L);
        // Data files only: at format version 3 vacuum also lists the manifests only the expired versions named.
        assertThat(findings.vacuumable()).isZero();
        assertThat(findings.secondCreateRefused()).isTrue();

        // test-data/prices: base at Jun 3rd 13:30 (ACME 101.50, GLOBX 48.10, INITECH 12.00) and a delta through Jun 7th.
        Map<String, String> at4pm = Map.of("ACME", "102.25", "GLOBX", "48.10", "HOOLI", "250.00", "INITECH", "12.00");
        Map<String, String> current = Map.of("ACME", "99.80", "GLOBX", "49.95", "HOOLI", "253.75", "INITECH", "12.00");
        assertThat(findings.upgradedAnswers().get("2024-06-04T16:00:00Z")).containsExactly(at4pm, at4pm);
        assertThat(findings.upgradedAnswers().get("current")).containsExactly(current, current);
    }
}
