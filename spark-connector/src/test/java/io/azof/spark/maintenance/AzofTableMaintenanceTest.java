package io.azof.spark.maintenance;

import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static io.azof.spark.maintenance.PriceTables.append;
import static io.azof.spark.maintenance.PriceTables.price;
import static io.azof.spark.maintenance.PriceTables.save;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest of {@code AzofTable}: history, detail, validate, expireVersions and vacuum on a table whose history is
 * known: version 1 appends, 2 overwrites (dropping version 1's files), 3 appends, 4 compacts.
 */
class AzofTableMaintenanceTest {
    private static final Map<String, String> ONE_BUCKET = Map.of("buckets", "1");

    @TempDir
    Path dir;
    String table;
    List<String> versionOneFiles;

    @BeforeEach
    void fourVersions() throws IOException {
        table = dir.resolve("prices").toString();
        append(table, ONE_BUCKET, price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        save(table, "overwrite", Map.of("buckets", "1", "writeId", "load-2"), price("A", "2024-01-10", 10), price("B", "2024-02-10", 20),
                price("C", "2024-03-10", 30));
        append(table, ONE_BUCKET, price("A", "2024-04-10", 11));
        AzofTable.forPath(SharedSpark.session(), table).compact(CompactionPolicy.defaults().withMinFilesToMerge(2));
        versionOneFiles = snapshot(1).segments().stream().flatMap(s -> s.deltas().stream()).map(DeltaFile::file).toList();
    }

    @AfterEach
    void checkOn() {
        SharedSpark.session().conf().unset(AzofTable.RETENTION_CHECK);
    }

    private Snapshot snapshot(long version) throws IOException {
        return TestTables.localTable(Path.of(table)).snapshot(version);
    }

    @Test
    void historyHasOneRowPerVersionNewestFirst() {
        List<List<Object>> history = rows(AzofTable.forPath(SharedSpark.session(), table).history()
                .select("version", "operation", "write_id", "rows_added", "files_added", "rows_removed", "files_removed", "expired"));

        // Version 4 is the compaction: with one bucket, a read at April 1st would merge the January, February and
        // March files, and at March 1st January's and February's: bases for March (A, B) and April (A, B, C).
        assertThat(history).containsExactly(
                row(4L, "compact", null, 5L, 2L, 0L, 0L, false),
                row(3L, "append", null, 1L, 1L, 0L, 0L, false),
                row(2L, "overwrite", "load-2", 3L, 3L, 2L, 2L, false),
                row(1L, "create", null, 2L, 2L, 0L, 0L, false));
    }

    @Test
    void detailDescribesTheLatestVersion() {
        Row detail = AzofTable.forPath(SharedSpark.session(), table).detail().collectAsList().get(0);

        assertThat(detail.<Long>getAs("version")).isEqualTo(4L);
        assertThat(detail.getList(detail.fieldIndex("key_columns"))).containsExactly("key");
        assertThat(detail.<String>getAs("event_time_column")).isEqualTo("event_time");
        assertThat(detail.<String>getAs("segment_granularity")).isEqualTo("month");
        assertThat(detail.<Integer>getAs("buckets")).isEqualTo(1);
        assertThat(detail.<Integer>getAs("segments")).isEqualTo(4);
        assertThat(detail.<Long>getAs("delta_files")).isEqualTo(4L);
        assertThat(detail.<Long>getAs("base_files")).isEqualTo(2L);
        assertThat(detail.<Long>getAs("records")).isEqualTo(4L + 5L);
        assertThat(detail.<Instant>getAs("min_event_time")).isEqualTo(Instant.parse("2024-01-10T00:00:00Z"));
        assertThat(detail.<Instant>getAs("max_event_time")).isEqualTo(Instant.parse("2024-04-10T00:00:00Z"));
    }

    @Test
    void validateFindsNothingOnAGoodTableAndNamesAMissingFile() throws IOException {
        AzofTable azofTable = AzofTable.forPath(SharedSpark.session(), table);
        assertThat(azofTable.validate(true).count()).isZero();

        String file = snapshot(4).segments().get(3).deltas().get(0).file();
        Files.delete(Path.of(table, file));

        List<List<Object>> problems = rows(azofTable.validate().select("kind", "severity", "location"));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).subList(0, 2)).containsExactly("FILE_MISSING", "ERROR");
        assertThat((String) problems.get(0).get(2)).contains(file);
    }

    @Test
    void expiredVersionsFailToReadAndVacuumThenTakesOnlyTheirFiles() {
        AzofTable azofTable = AzofTable.forPath(SharedSpark.session(), table);

        assertThat(rows(azofTable.expireVersions(2))).containsExactly(row(1L), row(2L));

        assertThatThrownBy(() -> azof().option("versionAsOf", "1").load(table).collect())
                .isInstanceOf(VersionExpiredException.class).hasMessageContaining("3 to 4");
        assertThat(rows(azofTable.history().select("version", "expired")))
                .containsExactly(row(4L, false), row(3L, false), row(2L, true), row(1L, true));
        // Seven days by default: the files were just written, so nothing is old enough.
        assertThat(azofTable.vacuumDryRun().count()).isZero();
        assertThatThrownBy(() -> azofTable.vacuum(0)).hasMessageContaining("7 days");

        SharedSpark.session().conf().set(AzofTable.RETENTION_CHECK, "false");
        List<String> wouldDelete = azofTable.vacuumDryRun(0).select("path").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        // Version 1's files: the overwrite of version 2 dropped them, and versions 3 and 4 never listed them. The table is
        // at format version 3, so version 1's part manifests (p1-...), which no retained root names, go as well.
        assertThat(wouldDelete).filteredOn(f -> !f.startsWith("metadata/")).containsExactlyInAnyOrderElementsOf(versionOneFiles);
        assertThat(wouldDelete).filteredOn(f -> f.startsWith("metadata/")).isNotEmpty()
                .allSatisfy(f -> assertThat(f).matches("metadata/p1-.*\\.json"));
        wouldDelete.forEach(f -> assertThat(Path.of(table, f)).as("a dry run deletes nothing").exists());

        assertThat(azofTable.vacuum(0).count()).isEqualTo(wouldDelete.size());
        wouldDelete.forEach(f -> assertThat(Path.of(table, f)).doesNotExist());
        versionOneFiles.forEach(f -> assertThat(Path.of(table, f)).doesNotExist());
        assertThat(rows(azof().option("asOf", "2024-03-31").option("versionAsOf", "3").load(table).select("key", "price").orderBy("key")))
                .containsExactly(row("A", 10L), row("B", 20L), row("C", 30L));
        assertThat(rows(azof().load(table).select("key", "price").orderBy("key")))
                .containsExactly(row("A", 11L), row("B", 20L), row("C", 30L));
        assertThat(azofTable.validate(true).count()).isZero();
    }
}
