package io.azof.spark.s3;

import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.commit.CommitResult;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.VersionedModel;
import io.azof.core.types.PrimitiveType;
import io.azof.core.write.WriteOptions;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import io.azof.spark.common.SparkLine;
import io.azof.spark.common.SparkOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * azof on S3 end to end, through S3A against a real S3-protocol server: Spark writes and as-of reads, late rows,
 * compaction, vacuum, concurrent writers and the error for a missing object. Each subclass supplies a server
 * (S3Proxy in the JVM always; MinIO in a container where Docker exists); the tests are the same.
 */
abstract class S3IntegrationContract {
    private static final StructType PRICES = new StructType()
            .add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("price", DataTypes.LongType);

    /** The server under test; the bucket exists. */
    abstract S3TestEndpoint endpoint();

    abstract String bucket();

    String table;

    @BeforeEach
    void configureSparkForTheBucket() {
        SparkSession spark = SharedSpark.session();
        // Per-bucket S3A keys in the session conf reach every Hadoop conf the connector builds, and no other test's paths.
        endpoint().s3aSettings(bucket()).forEach((k, v) -> spark.conf().set(k, v));
        table = "s3a://" + bucket() + "/" + getClass().getSimpleName() + "-" + UUID.randomUUID() + "/prices";
    }

    @AfterEach
    void retentionCheckBackOn() {
        SharedSpark.session().conf().unset(AzofTable.RETENTION_CHECK);
    }

    private static void save(String table, String mode, Object[]... values) {
        List<Row> rows = new ArrayList<>();
        for (Object[] v : values) {
            rows.add(RowFactory.create(v));
        }
        SharedSpark.session().createDataFrame(rows, PRICES).write().format("azof").mode(mode).option("buckets", "1").save(table);
    }

    private static Object[] price(String key, String day, long price) {
        return new Object[] {key, Instant.parse(day + "T00:00:00Z"), price};
    }

    private List<List<Object>> asOf(String day) {
        return rows(azof().option("asOf", day).load(table).select("key", "price").orderBy("key"));
    }

    private List<List<Object>> asOf(String day, long version) {
        return rows(azof().option("asOf", day).option("versionAsOf", String.valueOf(version)).load(table).select("key", "price").orderBy("key"));
    }

    private TableStorage storage() throws IOException {
        return new HadoopTableStorage(table, endpoint().hadoopConf(bucket()));
    }

    private Snapshot snapshot(long version) throws IOException {
        return Table.forStorage(storage()).snapshot(version);
    }

    private List<String> objectKeys() {
        String prefix = table.substring(("s3a://" + bucket() + "/").length()) + "/";
        try (RawS3 client = endpoint().client()) {
            return client.listKeys(bucket(), prefix).stream().map(k -> k.substring(prefix.length())).toList();
        }
    }

    @Test
    void writesAndReadsAsOfEventTimeAndVersion() {
        save(table, "append", price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        save(table, "append", price("A", "2024-03-10", 3));

        assertThat(asOf("2024-01-31")).containsExactly(row("A", 1L));
        assertThat(asOf("2024-02-15")).containsExactly(row("A", 1L), row("B", 2L));
        assertThat(asOf("2024-12-31")).containsExactly(row("A", 3L), row("B", 2L));
        assertThat(asOf("2024-12-31", 1)).containsExactly(row("A", 1L), row("B", 2L));
        assertThat(objectKeys()).as("the snapshot files are objects in the bucket").contains("s1.json", "s2.json", "version.txt");
    }

    @Test
    void lateRowsChangeLaterVersionsOnly() {
        save(table, "append", price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        save(table, "append", price("A", "2024-03-10", 3));
        // Arrives after March's row but happened in February.
        save(table, "append", price("A", "2024-02-01", 5));

        assertThat(asOf("2024-02-15")).containsExactly(row("A", 5L), row("B", 2L));
        assertThat(asOf("2024-12-31")).as("March is still A's latest event").containsExactly(row("A", 3L), row("B", 2L));
        assertThat(asOf("2024-02-15", 2)).as("version 2 never saw the late row").containsExactly(row("A", 1L), row("B", 2L));
    }

    @Test
    void compactionKeepsEveryAnswer() {
        save(table, "append", price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        save(table, "append", price("A", "2024-03-10", 3), price("C", "2024-03-20", 4));
        save(table, "append", price("B", "2024-04-10", 5));
        List<String> days = List.of("2024-01-31", "2024-02-29", "2024-03-15", "2024-03-31", "2024-04-30");
        List<List<List<Object>>> before = days.stream().map(this::asOf).toList();

        AzofTable.forPath(SharedSpark.session(), table).compact(CompactionPolicy.defaults().withMinFilesToMerge(2));

        assertThat(rows(AzofTable.forPath(SharedSpark.session(), table).history().select("version", "operation").limit(1)))
                .containsExactly(row(4L, "compact"));
        assertThat(days.stream().map(this::asOf).toList()).isEqualTo(before);
        assertThat(AzofTable.forPath(SharedSpark.session(), table).validate(true).count()).isZero();
    }

    @Test
    void vacuumDeletesTheObjectsNoVersionNeeds() throws IOException {
        save(table, "append", price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        save(table, "overwrite", price("A", "2024-01-10", 10));
        List<String> versionOneFiles = snapshot(1).segments().stream().flatMap(s -> s.deltas().stream()).map(DeltaFile::file).toList();
        AzofTable azofTable = AzofTable.forPath(SharedSpark.session(), table);
        assertThat(rows(azofTable.expireVersions(1))).containsExactly(row(1L));
        assertThat(objectKeys()).containsAll(versionOneFiles);

        SharedSpark.session().conf().set(AzofTable.RETENTION_CHECK, "false");
        List<String> vacuumed = azofTable.vacuum(0).select("path").collectAsList().stream().map(r -> r.getString(0)).toList();
        // Of the data files exactly version 1's; the table is at format version 3, so also the manifests only version 1 named.
        assertThat(vacuumed).filteredOn(path -> !path.startsWith("metadata/")).containsExactlyInAnyOrderElementsOf(versionOneFiles);
        assertThat(vacuumed).filteredOn(path -> path.startsWith("metadata/")).isNotEmpty()
                .allSatisfy(path -> assertThat(path).matches("metadata/p1-.*\\.json"));

        assertThat(objectKeys()).doesNotContainAnyElementsOf(versionOneFiles);
        // The expired version's name stays taken (its stub), and replacing it left no temporary objects behind.
        assertThat(objectKeys()).contains("s1.json").noneMatch(k -> k.contains(HadoopTableStorage.TEMPORARY_PREFIX));
        assertThat(new String(storage().readAll("s1.json"), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\"segments\"");
        assertThat(asOf("2024-12-31")).containsExactly(row("A", 10L));
    }

    @Test
    void concurrentWritersEachCommitADistinctVersion() throws Exception {
        int writers = 4;
        int writesEach = 3;
        io.azof.core.types.StructType schema = io.azof.core.types.StructType.of(
                new io.azof.core.types.StructField("key", PrimitiveType.STRING, false),
                new io.azof.core.types.StructField("event_time", PrimitiveType.TIMESTAMP, false),
                new io.azof.core.types.StructField("price", PrimitiveType.LONG, true));
        WriteOptions append = WriteOptions.append().withKeyColumns("key").withEventTimeColumn("event_time");
        long micros = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli() * 1000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    // Each writer its own storage (its own S3A instance), as separate processes would have.
                    TableStorage storage = storage();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < writesEach; i++) {
                        List<Object[]> rows = List.<Object[]>of(new Object[] {"w" + writer + "-" + i, micros + i, (long) writer});
                        CommitResult result = Table.forStorage(storage).newWrite(append.withWriteId("w" + writer + "-" + i)).rows(schema, rows).commit();
                        versions.add(result.version());
                    }
                    return versions;
                }));
            }
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<List<Long>> future : futures) {
                versions.addAll(future.get(300, TimeUnit.SECONDS));
            }
            Set<Long> distinct = new TreeSet<>(versions);
            assertThat(distinct).as("every commit got its own version, with no gaps")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, (long) writers * writesEach).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        Set<String> snapshots = objectKeys().stream().filter(k -> k.matches("s\\d+\\.json")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(snapshots).hasSize(writers * writesEach);
        assertThat(azof().load(table).count()).isEqualTo((long) writers * writesEach);
    }

    @Test
    void aMissingObjectFailsTheReadNamingIt() throws IOException {
        save(table, "append", price("A", "2024-01-10", 1), price("B", "2024-02-10", 2));
        String file = snapshot(1).segments().get(0).deltas().get(0).file();
        String key = table.substring(("s3a://" + bucket() + "/").length()) + "/" + file;
        try (RawS3 client = endpoint().client()) {
            client.delete(bucket(), key);
        }

        assertThatThrownBy(() -> azof().load(table).collect())
                .satisfies(e -> assertThat(messages(e)).contains(file));
    }

    /**
     * Two hundred appends of forty rows into one month and one bucket, never compacted, so a read of the month merges two
     * hundred files in one task: more than S3A's default connection pool holds on the Spark 3.5 line (96). The read holds
     * at most {@value SparkOptions#MAX_OPEN_FILES} (the line's default) open at once, pre-merging the rest into local
     * spills, so it completes, and answers as {@link VersionedModel} says. The appends go through the Java API, which is
     * what makes two hundred of them fit the suite's budget; the read is Spark's.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aReadOfTwoHundredUncompactedAppendsToOneMonthCompletesAndAnswersAsTheModel() throws IOException {
        int appends = 200;
        int rowsEach = 40;
        io.azof.core.types.StructType schema = io.azof.core.types.StructType.of(
                new io.azof.core.types.StructField("key", PrimitiveType.STRING, false),
                new io.azof.core.types.StructField("event_time", PrimitiveType.TIMESTAMP, false),
                new io.azof.core.types.StructField("price", PrimitiveType.LONG, true));
        WriteOptions options = WriteOptions.append().withKeyColumns("key").withEventTimeColumn("event_time")
                .withLayout(SegmentGranularity.MONTH, 1).withAutoCompaction(AutoCompaction.defaults().withEnabled(false));
        long may = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli() * 1000;
        long hour = 3_600_000_000L;
        VersionedModel model = new VersionedModel();
        Table writer = Table.forStorage(storage());
        Random random = new Random(14);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            keys.add("k" + k);
        }
        long writing = System.nanoTime();
        for (int append = 1; append <= appends; append++) {
            Collections.shuffle(keys, random);
            List<Object[]> rows = new ArrayList<>();
            List<VersionedModel.Row> modelRows = new ArrayList<>();
            for (String key : keys.subList(0, rowsEach)) {
                // Any hour of May: most rows are late for some key, as sensor data arriving out of order is.
                long eventTime = may + random.nextInt(30 * 24) * hour;
                long price = 1_000L * append + rows.size();
                rows.add(new Object[] {key, eventTime, price});
                modelRows.add(new VersionedModel.Row(List.of(key), eventTime, List.of(price), false));
            }
            assertThat(writer.newWrite(options).rows(schema, rows).commit().version()).isEqualTo(append);
            model.commit(false, modelRows, null, 0);
        }
        double writeSeconds = (System.nanoTime() - writing) / 1e9;

        long reading = System.nanoTime();
        Dataset<Row> current = azof().load(table).select("key", "price");
        Map<String, Long> read = new TreeMap<>();
        rows(current).forEach(r -> read.put((String) r.get(0), (Long) r.get(1)));
        double readSeconds = (System.nanoTime() - reading) / 1e9;
        assertThat(read).isEqualTo(expected(model, VersionedModel.CURRENT, appends));
        Map<String, Long> metrics = TestSupport.scanMetrics(current);
        int maxOpenFiles = SparkLine.DEFAULT_MAX_OPEN_FILES;
        assertThat(metrics).containsEntry("deltaFilesOpened", (long) appends);
        // A pass of k runs leaves k - 1 fewer; passes go on until at most maxOpenFiles are left for the merge proper.
        assertThat(metrics.get("runsPreMerged")).isGreaterThanOrEqualTo((long) appends - maxOpenFiles);

        long midMay = Instant.parse("2024-05-15T00:00:00Z").toEpochMilli() * 1000;
        Map<String, Long> asOf = new TreeMap<>();
        rows(azof().option("asOf", "2024-05-15").load(table).select("key", "price")).forEach(r -> asOf.put((String) r.get(0), (Long) r.get(1)));
        assertThat(asOf).isEqualTo(expected(model, midMay, appends));
        System.out.printf("S3 many appends (%s, Spark %s): %d appends of %d rows in %.1f s; a read of the %d files in %.1f s holding at most %d"
                        + " open (%d runs pre-merged)%n", endpoint().name(), SharedSpark.session().version(), appends, rowsEach, writeSeconds,
                appends, readSeconds, maxOpenFiles, metrics.get("runsPreMerged"));
    }

    private static Map<String, Long> expected(VersionedModel model, long asOfMicros, long version) {
        Map<String, Long> expected = new TreeMap<>();
        model.state(asOfMicros, version).forEach((key, row) -> expected.put((String) key.get(0), (Long) row.payload().get(0)));
        return expected;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
