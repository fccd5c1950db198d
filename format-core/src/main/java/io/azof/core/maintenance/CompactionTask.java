package io.azof.core.maintenance;

import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import java.io.Serializable;
import java.util.List;

/**
 * Building the base of one segment and bucket: the winners just before the segment's start among the
 * records of {@code inputs}. Serialisable so an engine can run it on a worker.
 *
 * @param inputs the files a read just before the segment's start opens for this bucket
 */
public record CompactionTask(TableDefinition table, SegmentRange segment, int bucket, List<PlannedFile> inputs, long targetFileBytes)
        implements Serializable {
    public CompactionTask {
        inputs = List.copyOf(inputs);
    }
}
