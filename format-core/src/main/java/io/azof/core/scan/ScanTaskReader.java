package io.azof.core.scan;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.ParquetRowReader;
import io.azof.core.io.TableStorage;
import io.azof.core.merge.FirstSeenMerger;

/** Executes a {@link ScanTask} against storage: opens its files with Parquet and merges their rows. */
public final class ScanTaskReader {
    private ScanTaskReader() {
    }

    /**
     * Rows of the table's state at the task's as-of time, each {@code [key, eventTimeMicros, requested...]}.
     */
    public static FirstSeenMerger<?> read(TableStorage storage, ScanTask task) {
        return new FirstSeenMerger<>(task.files(),
                file -> (CloseableIterator<Object[]>) ParquetRowReader.open(storage, file.file(), task.schema(), task.requestedColumns()),
                task.asOf());
    }
}
