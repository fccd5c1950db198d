package io.azof.spark.write;

import io.azof.core.CompactOperation;
import io.azof.core.Table;
import io.azof.core.maintenance.CompactionPlan;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.CompactionTask;
import io.azof.spark.common.LocalSpills;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.common.TableLocation;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A compaction whose files are built by Spark tasks, one per compaction task (a segment and bucket), and committed on the
 * driver: {@code AzofTable.compact} and the compaction writes run after their commit (SPEC section 6.8).
 */
public final class DistributedCompaction {
    private DistributedCompaction() {
    }

    /** Plans {@code compaction}, builds its files on the executors and commits them. */
    public static CompactionResult run(SparkSession spark, TableLocation location, CompactOperation compaction) {
        compaction.maxOpenFiles(SparkOptions.maxOpenFiles(spark.sessionState().conf(), location));
        CompactionPlan plan = compaction.plan();
        if (!plan.isEmpty()) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<SerializableConfiguration> conf = context.broadcast(new SerializableConfiguration(location.hadoopConf()));
            String tablePath = location.path();
            context.setJobDescription("azof compact " + tablePath + ": " + plan.tasks().size() + " tasks as of version " + plan.readVersion());
            try {
                compaction.addFiles(context.parallelize(plan.tasks(), plan.tasks().size())
                        .flatMap((CompactionTask task) -> task.build(TableLocation.storage(tablePath, conf.value().value()),
                                LocalSpills.root()).iterator())
                        .collect());
            } finally {
                context.setJobDescription(null);
                conf.destroy();
            }
        }
        return compaction.commit();
    }

    /**
     * The compaction a write runs after its commit, when the table's {@code autoCompact} says so. Never fails
     * ({@link Table#compactAfterWrite}): the write stays committed whatever happens to it.
     */
    public static void afterWrite(SparkSession spark, TableLocation location) {
        location.table().compactAfterWrite(compaction -> run(spark, location, compaction));
    }
}
