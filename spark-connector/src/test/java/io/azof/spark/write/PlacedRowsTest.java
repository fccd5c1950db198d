package io.azof.spark.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.spark.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How placed rows reach their write task. */
class PlacedRowsTest {
    /**
     * The partition values send each bucket to task {@code bucket % tasks} through Spark's own hash partitioning, so
     * that the buckets spread over the tasks evenly; the write relies on this only for balance.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 16, 200})
    void partitionValuesReachTheirTasksThroughSparksHashPartitioning(int tasks) {
        int[] values = PlacedRows.partitionValues(tasks);
        List<Integer> given = new ArrayList<>();
        for (int value : values) {
            given.add(value);
        }
        Dataset<Integer> frame = SharedSpark.session().createDataset(given, Encoders.INT());
        List<Row> placed = frame.repartition(tasks, col("value")).select(col("value"), spark_partition_id()).collectAsList();
        assertThat(placed).hasSize(tasks);
        for (Row row : placed) {
            int task = row.getInt(1);
            assertThat(row.getInt(0)).as("the value of task " + task).isEqualTo(values[task]);
        }
    }
}
