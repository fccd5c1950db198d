package io.azof.core.scan;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.LookaheadIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.merge.FirstSeenMerger;
import io.azof.core.merge.RowRunCursor;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.time.AsOf;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Executes a {@link ScanTask} against storage with the core's row-at-a-time Parquet reader ({@link ScanTask#open}), and
 * opens data files as sorted runs for compaction.
 */
public final class ScanTaskReader {
    private ScanTaskReader() {
    }

    /** Rows of the table's state at the task's as-of time, each {@code [key columns..., eventTimeMicros, requested...]}. */
    static CloseableIterator<Object[]> read(TableStorage storage, ScanTask task, ScanMetrics metrics, Path spillRoot) {
        TableDefinition table = task.table();
        if (table.isLegacy()) {
            List<String> columns = new ArrayList<>(table.keyColumns());
            columns.add(table.eventTimeColumn());
            columns.addAll(task.requestedColumns());
            return new FirstSeenRows(new FirstSeenMerger<>(task.files(), file -> {
                metrics.fileOpened(file.role() == FileRole.BASE);
                return ParquetRowFileReader.open(storage, file.file(), table.schema(), columns);
            }, task.asOf()), metrics);
        }
        BoundedRuns runs = BoundedRuns.prepare(storage, task.files(), table, task.requestedColumns(), task.asOf(), BoundedRuns.Keep.WINNERS,
                task.maxOpenFiles(), spillRoot, metrics);
        try {
            return new MergedRows(runs, runs.openRows(storage, table, task.requestedColumns(), task.asOf(), metrics), metrics);
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    /** The columns of a run's rows, in order: {@code [key columns..., event time, payloadColumns..., deleted, version]}. */
    public static List<String> runColumns(TableDefinition table, List<String> payloadColumns) {
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.add(table.eventTimeColumn());
        columns.addAll(payloadColumns);
        columns.add(DataFileSchema.DELETED_COLUMN);
        columns.add(DataFileSchema.VERSION_COLUMN);
        return columns;
    }

    /** Rows that count themselves into {@code metrics} as they are read. */
    static CloseableIterator<Object[]> counting(CloseableIterator<Object[]> rows, ScanMetrics metrics) {
        return new LookaheadIterator<>() {
            @Override
            protected Object[] fetchNext() {
                if (!rows.hasNext()) {
                    return null;
                }
                metrics.rowsRead(1);
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** The first-seen merge of azof 0.2.1 files, counted into the scan's metrics; its merge time includes decoding. */
    private static final class FirstSeenRows extends LookaheadIterator<Object[]> {
        private final FirstSeenMerger<PlannedFile> merger;
        private final ScanMetrics metrics;

        FirstSeenRows(FirstSeenMerger<PlannedFile> merger, ScanMetrics metrics) {
            this.merger = merger;
            this.metrics = metrics;
        }

        @Override
        protected Object[] fetchNext() {
            long start = System.nanoTime();
            long readBefore = merger.rowsRead();
            long shadowedBefore = merger.rowsShadowed();
            Object[] row = merger.hasNext() ? merger.next() : null;
            metrics.mergeNanos(System.nanoTime() - start);
            metrics.rowsRead(merger.rowsRead() - readBefore);
            metrics.rowsShadowed(merger.rowsShadowed() - shadowedBefore);
            if (row != null) {
                metrics.rowReturned();
            }
            return row;
        }

        @Override
        public void close() {
            merger.close();
        }
    }

    private static final class MergedRows extends LookaheadIterator<Object[]> {
        private final BoundedRuns sources;
        private final List<RowRunCursor> runs;
        private final SortedRunMerger<RowRunCursor> merger;
        private final ScanMetrics metrics;

        MergedRows(BoundedRuns sources, List<RowRunCursor> runs, ScanMetrics metrics) {
            this.sources = sources;
            this.runs = runs;
            this.merger = new SortedRunMerger<>(runs);
            this.metrics = metrics;
        }

        @Override
        protected Object[] fetchNext() {
            long start = System.nanoTime();
            long mergedBefore = merger.recordsMerged();
            RowRunCursor winner = merger.next();
            metrics.rowsShadowed(merger.recordsMerged() - mergedBefore - (winner == null ? 0 : 1));
            metrics.mergeNanos(System.nanoTime() - start);
            if (winner == null) {
                return null;
            }
            metrics.rowReturned();
            return winner.previousRecord();
        }

        @Override
        public void close() {
            runs.forEach(RowRunCursor::close);
            sources.close();
        }
    }
}
