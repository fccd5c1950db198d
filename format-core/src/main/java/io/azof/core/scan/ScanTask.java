package io.azof.core.scan;

import io.azof.core.metadata.TableSchema;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.metadata.Snapshot;
import io.azof.core.time.AsOf;
import java.io.Serializable;
import java.util.List;

/**
 * Everything one reader needs to produce its share of an as-of read; serialisable so an engine can ship
 * it to a worker.
 *
 * @param files the data files in the order their rows take precedence
 * @param requestedColumns payload columns to decode, in output order
 */
public record ScanTask(List<PlannedFile> files, AsOf asOf, TableSchema schema, List<String> requestedColumns)
        implements Serializable {

    public ScanTask {
        files = List.copyOf(files);
        requestedColumns = List.copyOf(requestedColumns);
    }

    /** Plans the read of {@code snapshot} as of {@code asOf}; requested columns must be in the schema. */
    public static ScanTask plan(Snapshot snapshot, AsOf asOf, List<String> requestedColumns) {
        for (String column : requestedColumns) {
            if (snapshot.schema().column(column).isEmpty()) {
                throw new IllegalArgumentException("Column '" + column + "' is not in the table schema " + snapshot.schema());
            }
        }
        return new ScanTask(SegmentPlanner.plan(snapshot, asOf), asOf, snapshot.schema(), requestedColumns);
    }
}
