package io.azof.spark.read;

import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.rows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.VersionSelector;
import io.azof.core.log.ManifestStore;
import io.azof.core.testing.TestTables;
import io.azof.spark.CountingFileSystem;
import io.azof.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark read of a format version 3 table resolves its schema from the version's root and plans from the manifests the read
 * can touch (SPEC section 6.12): a read of one key opens the part manifest of that key's bucket only. Proven twice: by the
 * manifests the read opened through a counting file system, and by deleting every other manifest, after which the one-key
 * read still works and a read of every key fails naming a missing manifest.
 */
class ManifestPruningReadTest {
    private static final int KEYS = 40;
    private static final int BUCKETS = 4;

    @TempDir
    Path dir;

    /** One write of {@code KEYS} keys in one month: one segment, one part per bucket. */
    private Path writeTable() {
        Path table = dir.resolve("prices");
        StructType schema = new StructType()
                .add("key", DataTypes.StringType)
                .add("event_time", DataTypes.TimestampType)
                .add("price", DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            rows.add(RowFactory.create("k" + i, Instant.parse("2024-03-01T00:00:00Z").plusSeconds(i), (long) i));
        }
        SharedSpark.session().createDataFrame(rows, schema).write().format("azof")
                .option("keyColumns", "key").option("eventTimeColumn", "event_time").option("buckets", Integer.toString(BUCKETS))
                .save(table.toString());
        assertThat(TestTables.localTable(table).head(VersionSelector.latest()).table().formatVersion()).isEqualTo(3);
        return table;
    }

    private static Set<String> partManifests(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("metadata"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("p")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The part manifests opened since the last reset: file names under {@code metadata/} starting with p. */
    private static Set<String> partManifestsOpened() {
        return CountingFileSystem.opened().stream()
                .filter(path -> path.contains("/metadata/p"))
                .map(path -> path.substring(path.lastIndexOf('/') + 1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Dataset<Row> oneKey(Path table, String key) {
        return azof().load(CountingFileSystem.uriOf(CountingFileSystem.SCHEME, table)).filter(col("key").equalTo(key)).select("key", "price");
    }

    @Test
    void aOneKeyReadOpensOnlyTheManifestOfTheKeysBucket() throws IOException {
        Path table = writeTable();
        Set<String> all = partManifests(table);
        assertThat(all).as("one part manifest per bucket").hasSize(BUCKETS);

        ManifestStore.clearCache(); // what each read opens, not what an earlier one left parsed in this JVM
        CountingFileSystem.resetBytesRead();
        List<List<Object>> one = rows(oneKey(table, "k7"));
        Set<String> openedForOneKey = partManifestsOpened();

        ManifestStore.clearCache();
        CountingFileSystem.resetBytesRead();
        assertThat(azof().load(CountingFileSystem.uriOf(CountingFileSystem.SCHEME, table)).count()).isEqualTo(KEYS);
        Set<String> openedForAll = partManifestsOpened();

        assertThat(one).containsExactly(List.of("k7", 7L));
        assertThat(openedForOneKey).hasSize(1);
        assertThat(all).containsAll(openedForOneKey);
        assertThat(openedForAll).isEqualTo(all);
    }

    @Test
    void withTheOtherBucketsManifestsGoneAOneKeyReadStillWorksAndAFullReadNamesTheMissingOne() throws IOException {
        Path table = writeTable();
        ManifestStore.clearCache();
        CountingFileSystem.resetBytesRead();
        rows(oneKey(table, "k7"));
        Set<String> kept = partManifestsOpened();
        assertThat(kept).hasSize(1);
        Set<String> deleted = new TreeSet<>(partManifests(table));
        deleted.removeAll(kept);
        for (String name : deleted) {
            Files.delete(table.resolve("metadata").resolve(name));
        }

        assertThat(rows(oneKey(table, "k7"))).containsExactly(List.of("k7", 7L));
        assertThatThrownBy(() -> azof().load(table.toString()).collectAsList())
                .satisfies(e -> assertThat(messages(e)).contains("is missing").containsAnyOf(deleted.toArray(String[]::new)));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
