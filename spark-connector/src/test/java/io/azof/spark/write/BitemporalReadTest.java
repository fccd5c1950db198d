package io.azof.spark.write;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.isoOfMillis;
import static io.azof.spark.write.WriteTestSupport.PRICES;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static io.azof.spark.write.WriteTestSupport.read;
import static io.azof.spark.write.WriteTestSupport.reader;
import static io.azof.spark.write.WriteTestSupport.row;
import static io.azof.spark.write.WriteTestSupport.snapshot;
import static io.azof.spark.write.WriteTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.VersionNotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "As of event time T, as known at version V": versionAsOf and systemTimeAsOf, alone and with asOf, on a
 * table of three versions. The table is written once for the class; every test only reads it.
 */
class BitemporalReadTest {
    private static final List<Object> A_JAN_1 = row("A", instant("2024-01-01T00:00:00Z"), 10L);
    private static final List<Object> A_JAN_5 = row("A", instant("2024-01-05T00:00:00Z"), 11L);
    private static final List<Object> A_FEB_1 = row("A", instant("2024-02-01T00:00:00Z"), 12L);
    private static final List<Object> B_JAN_3 = row("B", instant("2024-01-03T00:00:00Z"), 19L);
    private static final List<Object> B_JAN_10 = row("B", instant("2024-01-10T00:00:00Z"), 20L);

    @TempDir
    static Path table;
    /** committedAt[v]: the commit time of version v in epoch milliseconds. */
    static long[] committedAt = new long[4];

    @BeforeAll
    static void writeThreeVersions() {
        append(frame(PRICES, values("A", instant("2024-01-01T00:00:00Z"), 10L), values("B", instant("2024-01-10T00:00:00Z"), 20L)), table);
        // Version 2 learns of A's January 5th value; version 3 of B's January 3rd one and of A in February.
        append(frame(PRICES, values("A", instant("2024-01-05T00:00:00Z"), 11L)), table);
        append(frame(PRICES, values("B", instant("2024-01-03T00:00:00Z"), 19L), values("A", instant("2024-02-01T00:00:00Z"), 12L)), table);
        for (int v = 1; v <= 3; v++) {
            committedAt[v] = snapshot(table, v).commit().committedAtMillis();
        }
    }

    @Test
    void versionAsOfReadsThatVersionCurrentAndAsOfAnEventTime() {
        assertThat(read(table, "versionAsOf", "1")).containsExactlyInAnyOrder(A_JAN_1, B_JAN_10);
        assertThat(read(table, "versionAsOf", "3")).containsExactlyInAnyOrder(A_FEB_1, B_JAN_10);
        assertThat(read(table, "versionAsOf", "1", "asOf", "2024-01-07")).containsExactly(A_JAN_1);
        assertThat(read(table, "versionAsOf", "2", "asOf", "2024-01-07")).containsExactly(A_JAN_5);
        assertThat(read(table, "versionAsOf", "3", "asOf", "2024-01-07")).containsExactlyInAnyOrder(A_JAN_5, B_JAN_3);
        assertThat(read(table, "asOf", "2024-01-07")).containsExactlyInAnyOrder(A_JAN_5, B_JAN_3);
    }

    @Test
    void systemTimeAsOfExactlyAtACommitReadsThatCommitsVersion() {
        assertThat(read(table, "systemTimeAsOf", isoOfMillis(committedAt[2]), "asOf", "2024-01-07")).containsExactly(A_JAN_5);
        assertThat(read(table, "systemTimeAsOf", isoOfMillis(committedAt[1]))).containsExactlyInAnyOrder(A_JAN_1, B_JAN_10);
        assertThat(read(table, "systemTimeAsOf", isoOfMillis(committedAt[3]), "asOf", "2024-01-07")).containsExactlyInAnyOrder(A_JAN_5, B_JAN_3);
    }

    @Test
    void systemTimeAsOfBetweenCommitsReadsTheEarlierVersion() {
        assertThat(committedAt[3] - committedAt[2]).as("room between the commits").isGreaterThan(1);
        String between = isoOfMillis(committedAt[3] - 1);
        assertThat(read(table, "systemTimeAsOf", between, "asOf", "2024-01-07")).containsExactly(A_JAN_5);
        assertThat(read(table, "systemTimeAsOf", between)).containsExactlyInAnyOrder(A_JAN_5, B_JAN_10);
        assertThat(read(table, "systemTimeAsOf", isoOfMillis(committedAt[3] + 60_000))).containsExactlyInAnyOrder(A_FEB_1, B_JAN_10);
    }

    @Test
    void systemTimeBeforeTheFirstCommitIsAnErrorListingTheVersions() {
        assertThatThrownBy(() -> reader("systemTimeAsOf", isoOfMillis(committedAt[1] - 1)).load(table.toString()))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("No version")
                .hasMessageContaining("committed at or before " + isoOfMillis(committedAt[1] - 1))
                .hasMessageContaining("available versions: 1 to 3");
    }

    @Test
    void unknownVersionIsAnErrorNamingItAndListingTheVersions() {
        assertThatThrownBy(() -> reader("versionAsOf", "4").load(table.toString()))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("Version 4 does not exist")
                .hasMessageContaining("available versions: 1 to 3");
    }

    @Test
    void versionAsOfAndSystemTimeAsOfTogetherAreAnError() {
        assertThatThrownBy(() -> reader("versionAsOf", "1", "systemTimeAsOf", isoOfMillis(committedAt[1])).load(table.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("versionAsOf")
                .hasMessageContaining("systemTimeAsOf")
                .hasMessageContaining("at most one");
    }
}
