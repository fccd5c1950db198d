package io.azof.core.maintenance;

import io.azof.core.metadata.TableDefinition;
import java.io.Serializable;
import java.util.List;

/**
 * What one compaction does: the bases to build from the records of {@code readVersion}, and the older bases
 * of the same segments and buckets they replace.
 */
public record CompactionPlan(long readVersion, TableDefinition table, List<CompactionTask> tasks, List<String> replacedBases)
        implements Serializable {
    public CompactionPlan {
        tasks = List.copyOf(tasks);
        replacedBases = List.copyOf(replacedBases);
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }
}
