package io.azof.spark.read;

import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge hands out a record only after moving past it, so a record at the end of a Parquet batch must
 * survive the next batch being decoded over it. Tiny batches put every record at a batch boundary; the
 * answer must not depend on the batch size. String keys of equal length and integer keys each take their
 * own comparison path.
 */
class MergeAcrossBatchesTest {
    private static final String BATCH_SIZE = "spark.sql.parquet.columnarReaderBatchSize";

    @TempDir
    Path dir;

    @Test
    void stringKeysReadTheSameWithAnyBatchSize() {
        checkAllBatchSizes(DataTypes.StringType, k -> String.format("k%03d", k));
    }

    @Test
    void integerKeysReadTheSameWithAnyBatchSize() {
        checkAllBatchSizes(DataTypes.IntegerType, k -> k);
    }

    private void checkAllBatchSizes(org.apache.spark.sql.types.DataType keyType, IntFunction<Object> keyOf) {
        StructType schema = new StructType().add("key", keyType, false).add("event_time", DataTypes.TimestampType, false)
                .add("price", DataTypes.LongType);
        String table = dir.resolve("t").toString();
        Random random = new Random(11);
        Map<Object, long[]> latest = new HashMap<>();
        // Four appends into one bucket; each key gets 0-3 records per append, at distinct times.
        for (int append = 0; append < 4; append++) {
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                int records = random.nextInt(4);
                for (int r = 0; r < records; r++) {
                    long second = append * 1000L + k * 10L + r;
                    long price = random.nextInt(1_000_000);
                    rows.add(RowFactory.create(keyOf.apply(k), Instant.ofEpochSecond(second), price));
                    long[] best = latest.get(keyOf.apply(k));
                    if (best == null || best[0] < second) {
                        latest.put(keyOf.apply(k), new long[] {second, price});
                    }
                }
            }
            SharedSpark.session().createDataFrame(rows, schema).write().format("azof").mode("append").option("buckets", "1").save(table);
        }
        List<List<Object>> expected = new ArrayList<>();
        latest.forEach((key, best) -> expected.add(List.of(key, Instant.ofEpochSecond(best[0]), best[1])));
        for (int batchRows : new int[] {1, 2, 3, 7, 4096}) {
            SharedSpark.session().conf().set(BATCH_SIZE, batchRows);
            try {
                assertThat(rows(TestSupport.azof().load(table))).as("%d-row batches", batchRows)
                        .containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                SharedSpark.session().conf().unset(BATCH_SIZE);
            }
        }
    }
}
