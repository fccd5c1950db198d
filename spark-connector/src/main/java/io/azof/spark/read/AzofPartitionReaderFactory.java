package io.azof.spark.read;

import io.azof.core.io.TableStorage;
import io.azof.core.scan.ScanTask;
import io.azof.spark.common.TableLocation;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Opens a partition on the executor: tables this project writes merge their sorted runs from Spark's
 * vectorized Parquet batches; azof 0.2.1 tables go through the core's row reader.
 */
final class AzofPartitionReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final Broadcast<SerializableConfiguration> readConf;
    private final StructType readSchema;
    private final BatchLayout batchLayout;

    /**
     * @param readConf the Hadoop configuration of the scan, with the vectorized reader's settings
     * @param batchLayout null for azof 0.2.1 tables
     */
    AzofPartitionReaderFactory(Broadcast<SerializableConfiguration> readConf, StructType readSchema, BatchLayout batchLayout) {
        this.readConf = readConf;
        this.readSchema = readSchema;
        this.batchLayout = batchLayout;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        AzofInputPartition azofPartition = (AzofInputPartition) partition;
        ScanTask task = azofPartition.task();
        Configuration conf = readConf.value().value();
        TableStorage storage = TableLocation.storage(azofPartition.tablePath(), conf);
        if (task.table().isLegacy()) {
            return new RowPartitionReader(storage, task, readSchema);
        }
        return new MergingPartitionReader(storage, conf, task, batchLayout);
    }
}
