package io.azof.core.commit;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.write.NewDataFile;
import java.util.List;

/**
 * A write whose data files exist and that now asks to become the table's next version.
 *
 * @param readVersion the version the write was validated against; 0 when it creates the table
 * @param writeId the caller's id for the write, or null; a table that committed it already skips the write
 */
public record PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId) {
    public enum Operation { APPEND, OVERWRITE }

    public PendingCommit {
        files = List.copyOf(files);
    }
}
