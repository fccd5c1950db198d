package io.azof.spark;

import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.maintenance.Compaction;
import io.azof.core.maintenance.CompactionPlan;
import io.azof.core.maintenance.CompactionPlanner;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.CompactionTask;
import io.azof.core.write.NewDataFile;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * An azof table's maintenance from Spark, as Delta's {@code DeltaTable}: {@code AzofTable.forPath(spark, path)}
 * then {@link #compact()}, {@link #validate()}, {@link #expireVersions}, {@link #vacuum()}, {@link #history()},
 * {@link #detail()}. Results come back as DataFrames, so notebooks (PySpark included) show them as tables.
 *
 * <p>A thin layer over format-core's maintenance API; only compaction runs work on the executors.
 */
public final class AzofTable {
    private final SparkSession spark;
    private final String path;
    private final Configuration hadoopConf;

    private AzofTable(SparkSession spark, String path, Configuration hadoopConf) {
        this.spark = spark;
        this.path = path;
        this.hadoopConf = hadoopConf;
    }

    /**
     * The table at {@code path}, reached with the session's Hadoop configuration.
     *
     * @throws io.azof.core.exceptions.TableNotFoundException when no azof table is there
     */
    public static AzofTable forPath(SparkSession spark, String path) {
        SparkSession.setActiveSession(spark);
        TableLocation location = TableLocation.fromOptions(Map.of(TableLocation.PATH_OPTION, path));
        AzofTable table = new AzofTable(spark, path, location.hadoopConf());
        io.azof.core.table.AzofTable.open(table.storage());
        return table;
    }

    /** The table's current state as a DataFrame, as {@code spark.read.format("azof").load(path)}. */
    public Dataset<Row> toDF() {
        return spark.read().format("azof").load(path);
    }

    /** Compacts with {@link CompactionPolicy#defaults()}. */
    public Dataset<Row> compact() {
        return compact(CompactionPolicy.defaults());
    }

    /**
     * Builds the bases {@code policy} asks for, one Spark task per segment and bucket, and commits them as
     * one new version; creates no version when there is nothing to do. A failed task leaves the table as it
     * was. Returns one row: version, committed, bases_written, rows_written, bases_replaced.
     */
    public Dataset<Row> compact(CompactionPolicy policy) {
        CompactionResult result = compactAndReport(policy);
        StructType schema = new StructType()
                .add("version", DataTypes.LongType, false)
                .add("committed", DataTypes.BooleanType, false)
                .add("bases_written", DataTypes.IntegerType, false)
                .add("rows_written", DataTypes.LongType, false)
                .add("bases_replaced", DataTypes.IntegerType, false);
        return spark.createDataFrame(List.of(RowFactory.create(result.version(), result.committed(), result.basesWritten(),
                result.rowsWritten(), result.basesReplaced())), schema);
    }

    /** {@link #compact(CompactionPolicy)} with the core's typed result, for Java and Scala callers. */
    public CompactionResult compactAndReport(CompactionPolicy policy) {
        HadoopTableStorage storage = storage();
        CompactionPlan plan = CompactionPlanner.plan(io.azof.core.table.AzofTable.open(storage).snapshot(), policy);
        List<NewDataFile> bases = List.of();
        if (!plan.isEmpty()) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<SerializableConfiguration> conf = context.broadcast(new SerializableConfiguration(hadoopConf));
            String tablePath = path;
            context.setJobDescription("azof compact " + path + ": " + plan.tasks().size() + " bases as of version " + plan.readVersion());
            try {
                bases = context.parallelize(plan.tasks(), plan.tasks().size())
                        .flatMap((CompactionTask task) -> Compaction.run(TableLocation.storage(tablePath, conf.value().value()), task).iterator())
                        .collect();
            } finally {
                context.setJobDescription(null);
                conf.destroy();
            }
        }
        return Compaction.commit(new SnapshotCommitter(storage), plan, bases);
    }

    public String path() {
        return path;
    }

    private HadoopTableStorage storage() {
        return TableLocation.storage(path, hadoopConf);
    }
}
