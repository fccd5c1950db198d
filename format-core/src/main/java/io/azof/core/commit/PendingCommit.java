package io.azof.core.commit;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.write.NewDataFile;
import java.util.List;

/**
 * A write whose data files exist and that now asks to become the table's next version.
 *
 * @param table the definition the new version has: for an append with {@code mergeSchema} or an
 *     {@link Operation#ALTER}, the evolved one
 * @param files new delta files; for {@link Operation#COMPACT}, new base files covering {@code readVersion}; none for
 *     {@link Operation#ALTER}
 * @param readVersion the version the write was validated against (for a compaction, the version its bases
 *     summarise); 0 when it creates the table
 * @param writeId the caller's id for the write, or null; a table that committed it already skips the write
 * @param removedBases base files the commit drops from the table (compaction replaces them by newer ones)
 * @param readTable the definition of {@code readVersion}, which the write was validated against; null when it
 *     creates the table. An append or alter re-bases onto versions committed meanwhile only while the latest
 *     definition is still this one.
 */
public record PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId,
                            List<String> removedBases, TableDefinition readTable) {
    public enum Operation { APPEND, OVERWRITE, COMPACT, ALTER }

    public PendingCommit {
        files = List.copyOf(files);
        removedBases = List.copyOf(removedBases);
        if (operation == Operation.ALTER && !files.isEmpty()) {
            throw new IllegalArgumentException("a schema change adds no data files");
        }
    }

    /** A write that keeps the definition it read ({@code table}). */
    public PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId,
                         List<String> removedBases) {
        this(operation, table, files, readVersion, writeId, removedBases, readVersion == 0 ? null : table);
    }

    /** A write that keeps the definition it read ({@code table}) and removes no base. */
    public PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId) {
        this(operation, table, files, readVersion, writeId, List.of());
    }

    /** A schema change of the table at {@code readVersion}, whose definition was {@code readTable}, to {@code table}. */
    public static PendingCommit alter(TableDefinition readTable, TableDefinition table, long readVersion) {
        return new PendingCommit(Operation.ALTER, table, List.of(), readVersion, null, List.of(), readTable);
    }
}
