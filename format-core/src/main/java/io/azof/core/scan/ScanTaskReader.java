package io.azof.core.scan;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.merge.FirstSeenMerger;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.types.KeyOrdering;
import io.azof.core.write.DataFileSchema;
import java.util.ArrayList;
import java.util.List;

/** Executes a {@link ScanTask} against storage: opens its files with Parquet and merges their rows. */
public final class ScanTaskReader {
    private ScanTaskReader() {
    }

    /** Rows of the table's state at the task's as-of time, each {@code [key columns..., eventTimeMicros, requested...]}. */
    public static CloseableIterator<Object[]> read(TableStorage storage, ScanTask task) {
        TableDefinition table = task.table();
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.add(table.eventTimeColumn());
        columns.addAll(task.requestedColumns());
        if (task.legacy()) {
            return new FirstSeenMerger<>(task.files(),
                    file -> ParquetRowFileReader.open(storage, file.file(), table.schema(), columns),
                    task.asOf());
        }
        columns.add(DataFileSchema.DELETED_COLUMN);
        columns.add(DataFileSchema.VERSION_COLUMN);
        List<SortedRunMerger.Run> runs = new ArrayList<>();
        try {
            for (PlannedFile file : task.files()) {
                runs.add(new SortedRunMerger.Run(
                        ParquetRowFileReader.open(storage, file.file(), DataFileSchema.of(table), columns),
                        file.stats().addedVersion()));
            }
        } catch (RuntimeException e) {
            runs.forEach(run -> run.rows().close());
            throw e;
        }
        return new SortedRunMerger(runs, table.keyColumns().size(), KeyOrdering.of(table.keySchema()), task.asOf());
    }
}
