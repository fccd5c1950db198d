package io.azof.spark.read;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.planNodes;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files a read opens, counted by the scan's Spark metrics, and what it returns: key predicates skip
 * buckets and files, event-time lower bounds skip older files, other predicates skip nothing, and no
 * pruning changes the answer.
 */
class PruningAndMetricsTest {
    private static final StructType PRICES = new StructType()
            .add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("price", DataTypes.LongType);
    private static final int KEYS = 40;
    private static final int MONTHS = 3;
    private static final int BUCKETS = 4;

    @TempDir
    static Path dir;
    private static String table;

    /** Three monthly appends, each a price for every key k00..k39 on the 10th (month m: price = 100 m + k). */
    @BeforeAll
    static void writeTable() {
        table = dir.resolve("prices").toString();
        for (int month = 1; month <= MONTHS; month++) {
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                rows.add(RowFactory.create(key(k), instant("2024-0" + month + "-10T00:00:00Z"), 100L * month + k));
            }
            SharedSpark.session().createDataFrame(rows, PRICES).write().format("azof").mode("append")
                    .option("segmentGranularity", "month").option("buckets", Integer.toString(BUCKETS)).save(table);
        }
    }

    private static String key(int k) {
        return String.format("k%02d", k);
    }

    private static Dataset<Row> read(String asOf) {
        return asOf == null ? TestSupport.azof().load(table) : TestSupport.azof().option("asOf", asOf).load(table);
    }

    /** The scan's metrics after running {@code frame}, with the rows it returned. */
    private record Run(List<List<Object>> rows, Map<String, Long> metrics) {
    }

    private static Run run(Dataset<Row> frame) {
        List<List<Object>> rows = rows(frame);
        return new Run(rows, TestSupport.scanMetrics(frame));
    }

    private static Snapshot snapshot() {
        return TestTables.localTable(Path.of(table)).latestSnapshot();
    }

    private static long files() {
        return snapshot().segments().stream().mapToLong(s -> s.deltas().size()).sum();
    }

    @Test
    void metricsCountFilesRowsReadReturnedAndShadowed() {
        Run current = run(read(null));
        assertThat(current.rows()).hasSize(KEYS);
        assertThat(current.metrics()).containsEntry("deltaFilesOpened", files()).containsEntry("baseFilesOpened", 0L)
                .containsEntry("rowsRead", (long) KEYS * MONTHS).containsEntry("rowsReturned", (long) KEYS)
                // Every key has three versions, two of them superseded.
                .containsEntry("rowsShadowed", (long) KEYS * (MONTHS - 1));
        assertThat(current.metrics()).containsKeys("mergeTimeMs", "decodeTimeMs");

        Run february = run(read("2024-02-15"));
        // January's and February's files are planned, March's start after T.
        assertThat(february.metrics()).containsEntry("rowsRead", (long) KEYS * 2).containsEntry("rowsShadowed", (long) KEYS);
        assertThat(february.rows()).contains(List.of(key(7), instant("2024-02-10T00:00:00Z"), 207L));
    }

    @Test
    void keyEqualityOpensOnlyTheFilesOfItsBucket() {
        Run one = run(read(null).where("key = 'k07'"));
        assertThat(one.rows()).containsExactly(List.of(key(7), instant("2024-03-10T00:00:00Z"), 307L));
        // One bucket: one file per monthly append.
        assertThat(one.metrics()).containsEntry("deltaFilesOpened", (long) MONTHS);
        assertThat(files()).isGreaterThan(MONTHS);

        Run in = run(read("2024-01-31").where("key IN ('k07', 'k08')"));
        assertThat(in.rows()).containsExactlyInAnyOrder(List.of(key(7), instant("2024-01-10T00:00:00Z"), 107L),
                List.of(key(8), instant("2024-01-10T00:00:00Z"), 108L));
        assertThat(in.metrics().get("deltaFilesOpened")).isLessThanOrEqualTo(2);
    }

    @Test
    void keyRangeOutsideEveryFileOpensNothingAndAPayloadPredicateOpensEverything() {
        Run none = run(read(null).where("key > 'zzz'"));
        assertThat(none.rows()).isEmpty();
        assertThat(none.metrics()).containsEntry("deltaFilesOpened", 0L);

        Run payload = run(read(null).where("price = 107"));
        // 107 is k07's January price, superseded twice: the filter runs after the merge and finds nothing.
        assertThat(payload.rows()).isEmpty();
        assertThat(payload.metrics()).containsEntry("deltaFilesOpened", files());
    }

    @Test
    void eventTimeLowerBoundSkipsOlderFilesWithoutChangingTheAnswer() {
        Dataset<Row> recent = read("2024-02-20").where("event_time >= timestamp'2024-02-01 00:00:00Z'");
        Run run = run(recent);
        // Only February's files can hold a record at or after Feb 1st; every key's winner as of Feb 20 is February's.
        assertThat(run.metrics()).containsEntry("deltaFilesOpened", (long) filesOfMonth("2024-02"));
        assertThat(run.rows()).hasSize(KEYS).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(instant("2024-02-10T00:00:00Z")));

        // An upper bound must not prune: as of Feb 20 every key's winner is February's, so "before Feb 1st" is empty.
        Run upper = run(read("2024-02-20").where("event_time < timestamp'2024-02-01 00:00:00Z'"));
        assertThat(upper.rows()).isEmpty();
        assertThat(upper.metrics()).containsEntry("deltaFilesOpened", (long) filesOfMonth("2024-01") + filesOfMonth("2024-02"));
    }

    @Test
    void scanDescriptionNamesThePruningPredicateButNotThePayloadOne() {
        Dataset<Row> frame = read(null).where("key = 'k07' AND price > 5");
        List<SparkPlan> nodes = planNodes(frame);
        BatchScanExec scan = nodes.stream().filter(BatchScanExec.class::isInstance).map(BatchScanExec.class::cast).findFirst().orElseThrow();
        assertThat(scan.scan().description()).contains("pruning=key = 'k07'").doesNotContain("> 5");
    }

    private static int filesOfMonth(String segmentId) {
        return snapshot().segments().stream().filter(s -> s.id().equals(segmentId)).mapToInt(s -> s.deltas().size()).sum();
    }

}
