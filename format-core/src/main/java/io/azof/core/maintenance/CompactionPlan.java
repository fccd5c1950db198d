package io.azof.core.maintenance;

import io.azof.core.metadata.TableDefinition;
import java.io.Serializable;
import java.util.List;

/**
 * What one compaction does, from the records of {@code readVersion}: the bases and merged runs its tasks build, the
 * older bases of the same segments and buckets the new bases replace, and the deltas the merged runs replace.
 */
public record CompactionPlan(long readVersion, TableDefinition table, List<CompactionTask> tasks, List<String> replacedBases,
                             List<String> replacedDeltas) implements Serializable {
    public CompactionPlan {
        tasks = List.copyOf(tasks);
        replacedBases = List.copyOf(replacedBases);
        replacedDeltas = List.copyOf(replacedDeltas);
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }
}
