package io.azof.spark.read;

import io.azof.core.io.TableStorage;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.scan.BoundedRuns;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.spark.common.LocalSpills;
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
 *
 * <p>A task never holds more than its {@code maxOpenFiles} files open: with more, the core first merges the smallest in
 * passes into spills on the executor's local disk ({@link BoundedRuns}), and this reader merges what is left.
 */
final class MergingPartitionReader implements PartitionReader<InternalRow> {
    private final List<ColumnarRunCursor> runs = new ArrayList<>();
    private final BoundedRuns sources;
    private final SortedRunMerger<ColumnarRunCursor> merger;
    private final ScanMetrics metrics = new ScanMetrics();
    private InternalRow current;

    MergingPartitionReader(TableStorage storage, Configuration readConf, ScanTask task, BatchLayout layout) {
        UnsafeProjection carryProjection = UnsafeProjection.create(layout.batchSchema());
        this.sources = BoundedRuns.prepare(storage, task.files(), task.table(), task.requestedColumns(), task.asOf(), BoundedRuns.Keep.WINNERS,
                task.maxOpenFiles(), LocalSpills.root(), metrics);
        try {
            for (BoundedRuns.Source source : sources.sources()) {
                if (source.tableFile() != null) {
                    metrics.fileOpened(source.isBase());
                }
                runs.add(new ColumnarRunCursor(ParquetBatchReaders.open(readConf, source.location(storage), source.bytes(), layout),
                        layout, source.runVersion(), task.asOf(), metrics, carryProjection));
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
        sources.close();
    }
}
