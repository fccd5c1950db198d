package io.azof.core.maintenance;

import static io.azof.core.maintenance.SmallTable.row;
import static io.azof.core.testing.TestTimes.june2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.ExpiredSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry on a five-version table whose contents are derived by hand:
 * <pre>
 * v1 create    a=1 b=2            -> {a=1, b=2}
 * v2 append    a=10 (later time)  -> {a=10, b=2}
 * v3 overwrite c=3                -> {c=3}
 * v4 append    c=30 d=4           -> {c=30, d=4}
 * v5 append    a=100              -> {a=100, c=30, d=4}
 * </pre>
 * Version v is committed at {@code june2024(v)}: midnight of June v, 2024.
 */
class VersionExpiryTest {
    private static final List<Map<String, Long>> CONTENTS = List.of(
            Map.of("a", 1L, "b", 2L),
            Map.of("a", 10L, "b", 2L),
            Map.of("c", 3L),
            Map.of("c", 30L, "d", 4L),
            Map.of("a", 100L, "c", 30L, "d", 4L));

    @TempDir
    Path dir;
    SmallTable table;

    @BeforeEach
    void writeFiveVersions() {
        table = new SmallTable(dir);
        assertThat(table.write(june2024(1), SmallTable.OPTIONS.withWriteId("load-1"),
                row("a", "2024-01-01", 1), row("b", "2024-01-01", 2)).version()).isEqualTo(1);
        assertThat(table.append(june2024(2), row("a", "2024-02-01", 10))).isEqualTo(2);
        assertThat(table.overwrite(june2024(3), row("c", "2024-01-15", 3))).isEqualTo(3);
        assertThat(table.append(june2024(4), row("c", "2024-03-01", 30), row("d", "2024-03-01", 4))).isEqualTo(4);
        assertThat(table.append(june2024(5), row("a", "2024-03-05", 100))).isEqualTo(5);
        for (int v = 1; v <= 5; v++) {
            assertThat(table.read(v)).as("version %d before expiry", v).isEqualTo(CONTENTS.get(v - 1));
        }
    }

    private VersionExpiry.Result expire(ExpiryRequest request) {
        return table.expire(request);
    }

    @Test
    void readsOfAnExpiredVersionFailNamingItAndTheRetainedVersions() {
        assertThat(expire(ExpiryRequest.retainLast(2)).expiredVersions()).containsExactly(1L, 2L, 3L);

        for (long expired = 1; expired <= 3; expired++) {
            long version = expired;
            assertThatThrownBy(() -> Table.forStorage(table.storage).snapshot(version))
                    .isInstanceOf(VersionExpiredException.class)
                    .hasMessageContaining("Version " + version + " of table " + table.storage.tableLocation() + " was expired")
                    .hasMessageContaining("available versions: 4 to 5");
        }
        // Half a day after version 2's commit, version 2 was the current one: expired too.
        long duringVersion2 = june2024(2).plus(Duration.ofHours(12)).toEpochMilli();
        assertThatThrownBy(() -> Table.forStorage(table.storage).snapshot(VersionSelector.systemTime(duringVersion2)))
                .isInstanceOf(VersionExpiredException.class)
                .hasMessageContaining("Version 2 of table")
                .hasMessageContaining(Instant.ofEpochMilli(duringVersion2).toString())
                .hasMessageContaining("available versions: 4 to 5");
        // Before the first commit nothing existed: that is not expiry.
        long beforeFirst = june2024(1).minusMillis(1).toEpochMilli();
        assertThatThrownBy(() -> Table.forStorage(table.storage).snapshot(VersionSelector.systemTime(beforeFirst)))
                .isInstanceOf(VersionNotFoundException.class)
                .isNotInstanceOf(VersionExpiredException.class)
                .hasMessageContaining("No version of table")
                .hasMessageContaining("available versions: 4 to 5");
        assertThatThrownBy(() -> Table.forStorage(table.storage).snapshot(6))
                .isInstanceOf(VersionNotFoundException.class)
                .isNotInstanceOf(VersionExpiredException.class)
                .hasMessageContaining("Version 6 does not exist")
                .hasMessageContaining("available versions: 4 to 5");
    }

    @Test
    void retainedVersionsReadExactlyAsBeforeAndSystemTimesStillFindThem() {
        expire(ExpiryRequest.retainLast(2));

        assertThat(table.read(4)).isEqualTo(CONTENTS.get(3));
        assertThat(table.read(5)).isEqualTo(CONTENTS.get(4));
        assertThat(table.read(VersionSelector.latest())).isEqualTo(CONTENTS.get(4));
        assertThat(table.read(VersionSelector.systemTime(june2024(4).toEpochMilli()))).isEqualTo(CONTENTS.get(3));
        assertThat(table.read(VersionSelector.systemTime(june2024(5).minusMillis(1).toEpochMilli()))).isEqualTo(CONTENTS.get(3));
        assertThat(table.read(VersionSelector.systemTime(june2024(9).toEpochMilli()))).isEqualTo(CONTENTS.get(4));
    }

    @Test
    void expiringByAgeTakesVersionsCommittedStrictlyBeforeTheInstant() {
        // Version 3 was committed exactly at june2024(3): not before it, so kept.
        VersionExpiry.Result result = expire(ExpiryRequest.olderThan(june2024(3)));
        assertThat(result.expiredVersions()).containsExactly(1L, 2L);
        assertThat(result.earliestRetainedVersion()).isEqualTo(3);
        assertThat(result.latestVersion()).isEqualTo(5);
        assertThat(new SnapshotLog(table.storage).earliestRetained()).isEqualTo(3);
        assertThat(expire(ExpiryRequest.olderThan(june2024(3).plusMillis(1))).expiredVersions()).containsExactly(3L);
    }

    @Test
    void expiringByAgeNeverTakesTheLatestVersion() {
        VersionExpiry.Result result = expire(ExpiryRequest.olderThan(Instant.parse("2100-01-01T00:00:00Z")));
        assertThat(result.expiredVersions()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(table.read(VersionSelector.latest())).isEqualTo(CONTENTS.get(4));
    }

    @Test
    void expiringByCountKeepsTheLastVersionsAndRepeatingItChangesNothing() {
        assertThat(expire(ExpiryRequest.retainLast(3)).expiredVersions()).containsExactly(1L, 2L);
        assertThat(expire(ExpiryRequest.retainLast(3)).expiredVersions()).isEmpty();
        assertThat(expire(ExpiryRequest.retainLast(5)).expiredVersions()).isEmpty();
        assertThat(expire(ExpiryRequest.retainLast(1)).expiredVersions()).containsExactly(3L, 4L);
        assertThat(new SnapshotLog(table.storage).earliestRetained()).isEqualTo(5);
    }

    @Test
    void ageAndCountTogetherExpireOnlyWhatBothAllow() {
        // Committed before june2024(4): 1, 2, 3; not among the last 4: 1. Both: 1.
        assertThat(expire(new ExpiryRequest(june2024(4), 4)).expiredVersions()).containsExactly(1L);
        // Committed before june2024(3): 1, 2 (1 already expired); not among the last 2: 1, 2, 3. Both: 2.
        assertThat(expire(new ExpiryRequest(june2024(3), 2)).expiredVersions()).containsExactly(2L);
    }

    @Test
    void earliestRetainedFindsTheEndOfEveryPrefixOfStubs() {
        SnapshotLog log = new SnapshotLog(table.storage);
        assertThat(log.earliestRetained()).isEqualTo(1);
        for (int keep = 5; keep >= 1; keep--) {
            expire(ExpiryRequest.retainLast(keep));
            assertThat(log.earliestRetained()).as("after keeping the last %d", keep).isEqualTo(6 - keep);
            assertThat(log.latestVersion()).isEqualTo(5);
        }
    }

    @Test
    void retainingFewerThanOneVersionIsRefused() {
        assertThatThrownBy(() -> ExpiryRequest.retainLast(0))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("retainLast must be at least 1, not 0")
                .hasMessageContaining("latest version");
        assertThatThrownBy(() -> new ExpiryRequest(june2024(3), -2)).isInstanceOf(InvalidOptionException.class);
    }

    /** The stub holds the commit record the snapshot had (SPEC 6.10), and nothing a read could use. */
    @Test
    void stubKeepsTheCommitRecordOnly() throws IOException {
        expire(ExpiryRequest.retainLast(2));

        JsonNode stub = new ObjectMapper().readTree(Files.readString(dir.resolve("s1.json")));
        assertThat(stub.get("format_version").intValue()).isEqualTo(2);
        assertThat(stub.get("version").longValue()).isEqualTo(1);
        assertThat(stub.get("expired").booleanValue()).isTrue();
        assertThat(stub.get("committed_at").textValue()).isEqualTo("2024-06-01T00:00:00.000Z");
        assertThat(stub.get("operation").textValue()).isEqualTo("create");
        assertThat(stub.get("write_id").textValue()).isEqualTo("load-1");
        assertThat(stub.get("summary").get("rows_added").longValue()).isEqualTo(2);
        assertThat(stub.get("summary").get("files_added").longValue()).isEqualTo(1);
        assertThat(stub.has("table")).isFalse();
        assertThat(stub.has("segments")).isFalse();
        assertThat(stub.has("write_ids")).isFalse();

        JsonNode overwrite = new ObjectMapper().readTree(Files.readString(dir.resolve("s3.json")));
        assertThat(overwrite.get("operation").textValue()).isEqualTo("overwrite");
        assertThat(overwrite.has("write_id")).isFalse();
        assertThat(overwrite.get("summary").get("rows_removed").longValue()).isEqualTo(3);
        assertThat(overwrite.get("summary").get("files_removed").longValue()).isEqualTo(2);
    }

    @Test
    void aWriteAfterExpiryCommitsTheNextVersion() {
        expire(ExpiryRequest.retainLast(1));

        assertThat(table.append(june2024(6), row("e", "2024-04-01", 5))).isEqualTo(6);
        assertThat(table.read(6)).isEqualTo(Map.of("a", 100L, "c", 30L, "d", 4L, "e", 5L));
        assertThat(table.read(5)).isEqualTo(CONTENTS.get(4));
        // The write id of version 1 is still known: a retry of that write commits nothing.
        assertThat(table.write(june2024(7), SmallTable.OPTIONS.withWriteId("load-1"), row("z", "2024-01-01", 0)).skipped()).isTrue();
        assertThat(new SnapshotLog(table.storage).latestVersion()).isEqualTo(6);
    }

    /** Why expiry leaves stubs: a writer still aiming at an expired version's file name must not get it. */
    @Test
    void aStaleWriterCannotCreateAnExpiredVersionsFile() throws IOException {
        expire(ExpiryRequest.retainLast(2));
        byte[] stubBefore = Files.readAllBytes(dir.resolve("s2.json"));

        String forked = new String(Files.readAllBytes(dir.resolve("s5.json")), StandardCharsets.UTF_8).replace("\"version\" : 5", "\"version\" : 2");
        assertThat(table.storage.createIfAbsent("s2.json", forked.getBytes(StandardCharsets.UTF_8))).isFalse();

        assertThat(Files.readAllBytes(dir.resolve("s2.json"))).isEqualTo(stubBefore);
        assertThat(new SnapshotLog(table.storage).readFile(2)).isInstanceOf(ExpiredSnapshot.class);
    }

    @Test
    void expiredVersionsStayInTheHistory() {
        expire(ExpiryRequest.retainLast(3));

        List<TableHistory.VersionInfo> history = Table.forStorage(table.storage).history();
        List<Long> versions = new ArrayList<>();
        List<Boolean> expired = new ArrayList<>();
        history.forEach(row -> {
            versions.add(row.version());
            expired.add(row.expired());
        });
        assertThat(versions).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(expired).containsExactly(false, false, false, true, true);
        assertThat(history.get(4).committedAt()).isEqualTo(june2024(1));
        assertThat(history.get(4).writeId()).isEqualTo("load-1");
    }

    @Test
    void azof021TablesAreRefusedAndLeftAsTheyWere() throws IOException {
        Path legacy = Files.createDirectories(dir.resolve("legacy"));
        String snapshot = """
                {"schema": {"columns": [{"name": "value", "data_type": "String", "nullable": false}]},
                 "segments": [{"id": "1", "start": "2024-01-01T00:00:00.000Z", "file": "base.parquet"}]}""";
        Files.writeString(legacy.resolve("s1.json"), snapshot);
        Files.writeString(legacy.resolve("s2.json"), snapshot);
        Files.writeString(legacy.resolve("version.txt"), "2");

        assertThatThrownBy(() -> Table.forStorage(new SmallTable(legacy).storage).expireVersions().retainLast(1).commit())
                .isInstanceOf(AzofException.class)
                .hasMessageContaining(legacy.toString())
                .hasMessageContaining("azof 0.2.1")
                .hasMessageContaining("expireVersions");
        assertThat(Files.readString(legacy.resolve("s1.json"))).isEqualTo(snapshot);
    }

    @Test
    void aDirectoryWithoutATableIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Table.forStorage(new SmallTable(empty).storage).expireVersions().retainLast(1).commit())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(empty.toString());
    }
}
