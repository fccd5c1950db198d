package io.azof.spark.read;

import io.azof.core.io.parquet.ParquetFilters;
import io.azof.core.metadata.VersionHead;
import io.azof.core.plan.ScanFilter;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import io.azof.spark.common.TableLocation;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A planned as-of read: one input partition per scan task. For tables this project writes, a task is a
 * key-hash bucket, or a split of a bucket's key-range sections of up to {@code spark.sql.files.maxPartitionBytes}
 * (a key lives in one section of one bucket, so tasks merge independently).
 *
 * <p>azof 0.2.1 tables get a single partition: their files are neither sorted nor bucketed by key, so
 * any key may appear in any planned file, and the "first row seen per key wins" merge is only correct
 * when one reader sees every planned file in planner order.
 */
public final class AzofScan implements Scan, Batch {
    private final TableLocation location;
    private final VersionHead head;
    private final AsOf asOf;
    private final ScanFilter filter;
    private final List<ScanTask> tasks;
    private final StructType readSchema;

    AzofScan(TableLocation location, VersionHead head, AsOf asOf, ScanFilter filter, List<ScanTask> tasks, StructType readSchema) {
        this.location = location;
        this.head = head;
        this.asOf = asOf;
        this.filter = filter;
        this.tasks = tasks;
        this.readSchema = readSchema;
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    @Override
    public String description() {
        return "AzofScan " + location.path() + " version=" + head.version() + " asOf=" + asOf + " pruning=" + filter + " partitions=" + tasks.size()
                + " files=" + tasks.stream().mapToInt(t -> t.files().size()).sum() + " columns=" + Arrays.toString(readSchema.fieldNames());
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        return tasks.stream().map(task -> new AzofInputPartition(location.path(), task)).toArray(InputPartition[]::new);
    }

    /**
     * Settles on the driver what every reader shares (the columns to decode, the Parquet reader's
     * settings) and ships it once per executor rather than once per task.
     */
    @Override
    public PartitionReaderFactory createReaderFactory() {
        SparkSession session = SparkSession.active();
        Configuration conf = location.hadoopConf();
        BatchLayout layout = null;
        if (!head.table().isLegacy()) {
            layout = new BatchLayout(head.table(), readSchema);
            conf = ParquetBatchReaders.readConfiguration(location.hadoopConf(), layout.batchSchema(),
                    ParquetFilters.forDataFiles(filter, head.table()), session.sessionState().conf());
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
        Broadcast<SerializableConfiguration> broadcast = context.broadcast(new SerializableConfiguration(conf));
        return new AzofPartitionReaderFactory(broadcast, readSchema, layout);
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return ScanMetricsReport.supported();
    }
}
