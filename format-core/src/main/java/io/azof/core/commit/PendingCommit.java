package io.azof.core.commit;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.write.NewDataFile;
import java.util.List;

/**
 * A write whose data files exist and that now asks to become the table's next version.
 *
 * @param files new delta files; for {@link Operation#COMPACT}, new base files covering {@code readVersion}
 * @param readVersion the version the write was validated against (for a compaction, the version its bases
 *     summarise); 0 when it creates the table
 * @param writeId the caller's id for the write, or null; a table that committed it already skips the write
 * @param removedBases base files the commit drops from the table (compaction replaces them by newer ones)
 */
public record PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId,
                            List<String> removedBases) {
    public enum Operation { APPEND, OVERWRITE, COMPACT }

    public PendingCommit {
        files = List.copyOf(files);
        removedBases = List.copyOf(removedBases);
    }

    public PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId) {
        this(operation, table, files, readVersion, writeId, List.of());
    }
}
