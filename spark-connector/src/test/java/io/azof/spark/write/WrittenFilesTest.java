package io.azof.spark.write;

import static io.azof.core.testing.TestTables.localStorage;
import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.micros;
import static io.azof.spark.write.WriteTestSupport.PRICES;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static io.azof.spark.write.WriteTestSupport.latest;
import static io.azof.spark.write.WriteTestSupport.read;
import static io.azof.spark.write.WriteTestSupport.reader;
import static io.azof.spark.write.WriteTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import io.azof.core.types.KeyHashing;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.StructType;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Spark write leaves on disk (SPEC 6.3): one file per (bucket, segment), rows sorted by key and event
 * time, every key in its bucket, and snapshot statistics that describe the file. And how a read of such a
 * table is split: one Spark partition per bucket.
 */
class WrittenFilesTest {
    private static final int BUCKETS = 3;
    private static final int KEYS = 20;
    private static final int MONTHS = 4;

    @TempDir
    static Path table;

    /**
     * Version 1: keys K00..K19, one row per month from January to April 2024; a row is a delete when
     * key number + month is a multiple of 7. Version 2: one late row in February.
     */
    @BeforeAll
    static void writeTable() {
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            for (int month = 1; month <= MONTHS; month++) {
                boolean delete = (k + month) % 7 == 0;
                Instant at = instant(String.format("2024-%02d-%02dT%02d:00:00Z", month, 1 + (3 * k + month) % 27, k % 24));
                rows.add(values(String.format("K%02d", k), at, delete ? null : (long) (100 * k + month), delete));
            }
        }
        append(frame(PRICES.add("gone", DataTypes.BooleanType), rows.toArray(Object[][]::new)), table,
                "buckets", Integer.toString(BUCKETS), "deleteColumn", "gone");
        append(frame(PRICES, values("K07", instant("2024-02-28T00:00:00Z"), 777L)), table);
    }

    @Test
    void eachFileHoldsOneBucketAndSegmentSortedByKeyAndEventTimeAndMatchesItsStatistics() {
        Snapshot snapshot = latest(table);
        TableDefinition definition = snapshot.table();
        assertThat(definition.buckets()).isEqualTo(BUCKETS);
        KeyHashing hashing = KeyHashing.of(definition.keySchema());
        KeyOrdering ordering = KeyOrdering.of(definition.keySchema());
        Set<Integer> bucketsOfKeys = new HashSet<>();
        for (int k = 0; k < KEYS; k++) {
            bucketsOfKeys.add(hashing.bucketOf(new Object[] {String.format("K%02d", k)}, BUCKETS));
        }
        assertThat(bucketsOfKeys).as("buckets the 20 keys fall in").hasSize(BUCKETS);

        assertThat(snapshot.segments()).extracting(Segment::id).containsExactly("2024-01", "2024-02", "2024-03", "2024-04");
        long rows = 0;
        long deletes = 0;
        for (Segment segment : snapshot.segments()) {
            List<DeltaFile> version1 = segment.deltas().stream().filter(d -> d.stats().addedVersion() == 1).toList();
            // Every month holds every key, so every bucket, once per write.
            assertThat(version1).extracting(d -> d.stats().bucket()).containsExactlyInAnyOrderElementsOf(bucketsOfKeys);
            for (DeltaFile delta : segment.deltas()) {
                assertThat(delta.startMicros()).isEqualTo(segment.startMicros());
                assertThat(delta.endMicros()).isEqualTo(segment.endMicros());
                List<Object[]> content = readFile(localStorage(table), definition, delta.file());
                checkFile(delta, content, segment, hashing, ordering);
                rows += content.size();
                deletes += delta.stats().deletes();
            }
        }
        // 20 keys x 4 months, plus the late row; k + month in {7, 14, 21} for 4 + 4 + 3 rows.
        assertThat(rows).isEqualTo(81);
        assertThat(deletes).isEqualTo(11);
        List<DeltaFile> version2 = snapshot.segments().stream().flatMap(s -> s.deltas().stream())
                .filter(d -> d.stats().addedVersion() == 2).toList();
        assertThat(version2).singleElement().satisfies(d -> {
            assertThat(d.file()).startsWith("data/2024-02/");
            assertThat(d.stats().rows()).isEqualTo(1);
            assertThat(d.stats().minKey()).containsExactly("K07");
        });
    }

    private static void checkFile(DeltaFile delta, List<Object[]> content, Segment segment, KeyHashing hashing, KeyOrdering ordering) {
        FileStats stats = delta.stats();
        int width = content.isEmpty() ? 0 : content.get(0).length;
        assertThat(content).as(delta.file()).hasSize((int) stats.rows());
        Object[] previous = null;
        long deletes = 0;
        for (Object[] row : content) {
            Object[] key = {row[0]};
            long eventTime = (Long) row[1];
            assertThat(hashing.bucketOf(key, BUCKETS)).as("bucket of " + row[0] + " in " + delta.file()).isEqualTo(stats.bucket());
            assertThat(eventTime).isBetween(segment.startMicros(), segment.endMicros());
            if (previous != null) {
                int byKey = ordering.compare(new Object[] {previous[0]}, key);
                assertThat(byKey < 0 || (byKey == 0 && (Long) previous[1] < eventTime))
                        .as(delta.file() + ": " + Arrays.toString(previous) + " before " + Arrays.toString(row)).isTrue();
            }
            assertThat(row[width - 1]).as("_azof_version: null means the file's added_version").isNull();
            deletes += (Boolean) row[width - 2] ? 1 : 0;
            previous = row;
        }
        assertThat(stats.minKey()).containsExactly(content.get(0)[0]);
        assertThat(stats.maxKey()).containsExactly(content.get(content.size() - 1)[0]);
        assertThat(stats.minEventTimeMicros()).isEqualTo(content.stream().mapToLong(r -> (Long) r[1]).min().orElseThrow());
        assertThat(stats.maxEventTimeMicros()).isEqualTo(content.stream().mapToLong(r -> (Long) r[1]).max().orElseThrow());
        assertThat(stats.deletes()).isEqualTo(deletes);
        assertThat(stats.bytes()).isPositive();
    }

    private static List<Object[]> readFile(TableStorage storage, TableDefinition definition, String file) {
        StructType fileSchema = DataFileSchema.of(definition);
        List<Object[]> rows = new ArrayList<>();
        try (ParquetRowFileReader reader = ParquetRowFileReader.open(storage, file, fileSchema, fileSchema.fieldNames())) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readPlansOneSparkPartitionPerBucketAndReturnsWhatTheSingleTaskCoreReadReturns() {
        Dataset<Row> current = reader().load(table.toString());
        List<BatchScanExec> scans = TestSupport.planNodes(current).stream()
                .filter(BatchScanExec.class::isInstance).map(BatchScanExec.class::cast).toList();
        assertThat(scans).singleElement().satisfies(scan -> assertThat(scan.inputRDD().getNumPartitions()).isEqualTo(BUCKETS));

        assertThat(read(table)).containsExactlyInAnyOrderElementsOf(coreRead(AsOf.current()));
        assertThat(read(table, "asOf", "2024-02-28")).containsExactlyInAnyOrderElementsOf(coreRead(AsOf.eventTime(micros("2024-02-28T00:00:00Z"))));
    }

    /** The table read by one core task, as (key, event time, price) like Spark's rows. */
    private static List<List<Object>> coreRead(AsOf asOf) {
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> merged = Table.forStorage(localStorage(table)).newScan().asOf(asOf).select(List.of("price")).rows()) {
            merged.forEachRemaining(r -> rows.add(Arrays.asList(r[0], Micros.toInstant((Long) r[1]), r[2])));
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
