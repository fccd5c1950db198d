package io.azof.core.scan;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.time.AsOf;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one reader needs to produce its share of an as-of read; serialisable so an engine can ship
 * it to a worker. Planned by {@link io.azof.core.TableScan}. Its rows are
 * {@code [key columns..., eventTimeMicros, requested payload...]}.
 *
 * @param files for azof 0.2.1 tables, in the order their rows take precedence; otherwise sorted runs
 * @param requestedColumns payload columns to decode, in output order
 * @param filter the predicates that may act before the merge; readers may skip row groups and pages by it,
 *     and the engine still applies every predicate after the merge
 * @param maxOpenFiles the most files a reader of the task may hold open at once; more files are pre-merged in passes
 *     ({@link BoundedRuns})
 */
public record ScanTask(List<PlannedFile> files, AsOf asOf, TableDefinition table, List<String> requestedColumns, ScanFilter filter,
                       int maxOpenFiles) implements Serializable {

    public ScanTask {
        files = List.copyOf(files);
        requestedColumns = List.copyOf(requestedColumns);
    }

    /**
     * Reads the task with the core's row-at-a-time reader: the read path of the Java API and of azof 0.2.1 tables in
     * every engine. Engines with their own columnar reader merge {@link #files()} through
     * {@link io.azof.core.merge.SortedRunMerger} instead.
     */
    public CloseableIterator<Object[]> open(TableStorage storage, ScanMetrics metrics) {
        return open(storage, metrics, BoundedRuns.defaultSpillRoot());
    }

    /** As {@link #open(TableStorage, ScanMetrics)}, with the spills of a pre-merge in a directory of their own under {@code spillRoot}. */
    public CloseableIterator<Object[]> open(TableStorage storage, ScanMetrics metrics, Path spillRoot) {
        return ScanTaskReader.read(storage, this, metrics, spillRoot);
    }
}
