package io.azof.core.write;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.SchemaChanges;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.table.SnapshotLog;
import java.util.List;

/**
 * Changes a table's schema ({@code ALTER TABLE ... ADD COLUMN(S)}, {@code ALTER COLUMN ... TYPE},
 * {@code ALTER COLUMN ... DROP NOT NULL}) as one new version with operation {@code alter}: the new definition,
 * the same data files. Nothing is rewritten: files written before read the new columns as null and widened
 * columns converted ({@link SchemaChanges} says what is allowed and why). Versions before the change keep
 * their schema, so reads of them return the columns they had.
 */
public final class SchemaEvolution {
    private SchemaEvolution() {
    }

    /** Applies {@code changes} to the latest version as one new version; see {@link #alter(TableStorage, List, SnapshotCommitter)}. */
    public static CommitResult alter(TableStorage storage, List<SchemaChange> changes) {
        return alter(storage, changes, new SnapshotCommitter(storage));
    }

    /**
     * Applies {@code changes}, in order, to the latest version's definition and commits the result as the next
     * version. Changes that leave the definition as it is commit nothing: the result is then {@code skipped} and
     * names the latest version. A writer that committed meanwhile is no conflict unless it changed the
     * definition too.
     *
     * @throws TableNotFoundException when there is no table at {@code storage}
     * @throws InvalidSchemaChangeException for a change azof refuses, naming the column (and its old and new type);
     *     nothing was committed
     * @throws io.azof.core.exceptions.CommitConflictException when another commit changed the definition first
     */
    public static CommitResult alter(TableStorage storage, List<SchemaChange> changes, SnapshotCommitter committer) {
        SnapshotLog log = new SnapshotLog(storage);
        long latest = log.latestVersion();
        if (latest == 0) {
            throw new TableNotFoundException("No azof table at " + storage.tableLocation() + ": there is no snapshot file (s1.json, ...);"
                    + " the schema change changed nothing");
        }
        Snapshot current = log.read(latest);
        TableDefinition evolved;
        try {
            evolved = SchemaChanges.apply(current.table(), changes);
        } catch (InvalidSchemaChangeException e) {
            throw new InvalidSchemaChangeException(e.getMessage() + " (table " + storage.tableLocation() + ", version " + latest
                    + "). Nothing was committed.");
        }
        if (evolved.equals(current.table())) {
            return new CommitResult(latest, true, 0);
        }
        return committer.commit(PendingCommit.alter(current.table(), evolved, latest));
    }
}
