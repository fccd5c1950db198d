package io.azof.spark.read;

import io.azof.core.scan.ScanTask;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A planned as-of read, executed as a single input partition.
 *
 * <p>Why one partition: azof 0.2.1 data files are neither sorted nor bucketed by key, so any key may
 * appear in any planned file, and the "first row seen per key wins" merge is only correct when one
 * reader sees every planned file in planner order. Splitting the files across tasks would let a shadowed
 * row of a key win in another task. Parallel reads need files bucketed by key, which a later issue adds.
 */
public final class AzofScan implements Scan, Batch {
    private final String tablePath;
    private final Configuration hadoopConf;
    private final ScanTask task;
    private final StructType readSchema;

    AzofScan(String tablePath, Configuration hadoopConf, ScanTask task, StructType readSchema) {
        this.tablePath = tablePath;
        this.hadoopConf = hadoopConf;
        this.task = task;
        this.readSchema = readSchema;
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    @Override
    public String description() {
        return "AzofScan " + tablePath + " asOf=" + task.asOf() + " files=" + task.files().size()
                + " columns=" + Arrays.toString(readSchema.fieldNames());
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        return new InputPartition[] {new AzofInputPartition(tablePath, task)};
    }

    /** Ships the Hadoop configuration once per executor rather than once per task. */
    @Override
    public PartitionReaderFactory createReaderFactory() {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext());
        Broadcast<SerializableConfiguration> conf = context.broadcast(new SerializableConfiguration(hadoopConf));
        return new AzofPartitionReaderFactory(conf, readSchema);
    }
}
