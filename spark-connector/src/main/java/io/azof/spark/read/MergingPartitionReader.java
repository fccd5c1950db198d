package io.azof.spark.read;

import io.azof.core.io.TableStorage;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.FileRole;
import io.azof.core.plan.PlannedFile;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads one scan task of a format version 2 table: its sorted runs decoded in batches by Spark's
 * vectorized Parquet reader and merged by the core's loser tree. Each returned row is a view of the
 * winning record in its batch, valid until the next call, which is all Spark's scan contract asks.
 */
final class MergingPartitionReader implements PartitionReader<InternalRow> {
    private final List<ColumnarRunCursor> runs = new ArrayList<>();
    private final SortedRunMerger<ColumnarRunCursor> merger;
    private final ScanMetrics metrics = new ScanMetrics();
    private InternalRow current;

    MergingPartitionReader(TableStorage storage, Configuration readConf, ScanTask task, BatchLayout layout) {
        UnsafeProjection carryProjection = UnsafeProjection.create(layout.batchSchema());
        try {
            for (PlannedFile file : task.files()) {
                metrics.fileOpened(file.role() == FileRole.BASE);
                runs.add(new ColumnarRunCursor(ParquetBatchReaders.open(readConf, storage.location(file.file()), file.stats().bytes(), layout),
                        layout, file.stats().addedVersion(), task.asOf(), metrics, carryProjection));
            }
            this.merger = new SortedRunMerger<>(runs);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean next() {
        long start = System.nanoTime();
        long decodedBefore = metrics.decodeNanos();
        long mergedBefore = merger.recordsMerged();
        ColumnarRunCursor winner = merger.next();
        metrics.rowsShadowed(merger.recordsMerged() - mergedBefore - (winner == null ? 0 : 1));
        metrics.mergeNanos(System.nanoTime() - start - (metrics.decodeNanos() - decodedBefore));
        if (winner == null) {
            return false;
        }
        metrics.rowReturned();
        current = winner.previousRow();
        return true;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return ScanMetricsReport.taskValues(metrics);
    }

    @Override
    public void close() {
        runs.forEach(ColumnarRunCursor::close);
    }
}
