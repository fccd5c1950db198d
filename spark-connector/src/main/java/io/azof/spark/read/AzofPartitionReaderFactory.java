package io.azof.spark.read;

import io.azof.spark.TableLocation;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/** Opens the table's storage on the executor with the driver's Hadoop configuration. */
final class AzofPartitionReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final Broadcast<SerializableConfiguration> hadoopConf;
    private final StructType readSchema;

    AzofPartitionReaderFactory(Broadcast<SerializableConfiguration> hadoopConf, StructType readSchema) {
        this.hadoopConf = hadoopConf;
        this.readSchema = readSchema;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        AzofInputPartition azofPartition = (AzofInputPartition) partition;
        return new AzofPartitionReader(TableLocation.storage(azofPartition.tablePath(), hadoopConf.value().value()),
                azofPartition.task(), readSchema);
    }
}
