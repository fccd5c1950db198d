package io.azof.spark.write;

import io.azof.core.CompactOperation;
import io.azof.core.Table;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.maintenance.CompactionPlan;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.CompactionTask;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.common.TableLocation;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compaction whose files are built by Spark tasks, one per compaction task (a segment and bucket), and committed on the
 * driver: {@code AzofTable.compact} and the compaction writes run after their commit (SPEC section 6.8).
 */
public final class DistributedCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedCompaction.class);

    private DistributedCompaction() {
    }

    /** Plans {@code compaction}, builds its files on the executors and commits them. */
    public static CompactionResult run(SparkSession spark, TableLocation location, CompactOperation compaction) {
        compaction.maxOpenFiles(SparkOptions.maxOpenFiles(spark.sessionState().conf()));
        CompactionPlan plan = compaction.plan();
        if (!plan.isEmpty()) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<SerializableConfiguration> conf = context.broadcast(new SerializableConfiguration(location.hadoopConf()));
            String tablePath = location.path();
            context.setJobDescription("azof compact " + tablePath + ": " + plan.tasks().size() + " tasks as of version " + plan.readVersion());
            try {
                compaction.addFiles(context.parallelize(plan.tasks(), plan.tasks().size())
                        .flatMap((CompactionTask task) -> task.build(TableLocation.storage(tablePath, conf.value().value())).iterator())
                        .collect());
            } finally {
                context.setJobDescription(null);
                conf.destroy();
            }
        }
        return compaction.commit();
    }

    /**
     * The compaction a write runs after its commit, when the table's {@code autoCompact} says so. Never fails: a compaction
     * that loses a race is planned again once, then dropped; any other failure is logged, and the write stays committed.
     */
    public static void afterWrite(SparkSession spark, TableLocation location) {
        Table table = location.table();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                run(spark, location, table.newAutoCompaction());
                return;
            } catch (CommitConflictException e) {
                LOG.info("Compaction after a write to {} lost a race ({}){}", location.path(), e.getMessage(),
                        attempt == 1 ? "; planning again" : "");
            } catch (RuntimeException e) {
                LOG.warn("Compaction after a write to {} failed; the write is committed, the table is as it was", location.path(), e);
                return;
            }
        }
    }
}
