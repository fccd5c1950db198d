package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.SchemaChanges;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A schema change ({@link Table#alterSchema()}: add columns, widen types, drop NOT NULL) committed as one new version
 * with operation {@code alter}: the new definition, the same data files (SPEC section 6.11). Nothing is rewritten:
 * files written before read added columns as null and widened columns converted. Versions before the change keep
 * their schema.
 */
public final class AlterSchemaOperation {
    private final Table table;
    private final List<SchemaChange> changes = new ArrayList<>();

    AlterSchemaOperation(Table table) {
        this.table = table;
    }

    /** Adds a change; changes apply in the order given. */
    public AlterSchemaOperation change(SchemaChange change) {
        changes.add(Objects.requireNonNull(change, "change"));
        return this;
    }

    /** Adds changes, in order. */
    public AlterSchemaOperation changes(List<SchemaChange> more) {
        more.forEach(this::change);
        return this;
    }

    /**
     * Applies the changes to the latest version's definition and commits the result as the next version. Changes that
     * leave the definition as it is commit nothing: the result is then {@code skipped} and names the latest version. A
     * writer that committed meanwhile is no conflict unless it changed the definition too.
     *
     * @throws io.azof.core.exceptions.TableNotFoundException when there is no table
     * @throws InvalidSchemaChangeException for a change azof refuses, naming the column (and its old and new type)
     * @throws io.azof.core.exceptions.CommitConflictException when another commit changed the definition first
     */
    public CommitResult commit() {
        Snapshot current = table.latestWritable("alter");
        TableDefinition evolved;
        try {
            evolved = SchemaChanges.apply(current.table(), changes);
        } catch (InvalidSchemaChangeException e) {
            throw new InvalidSchemaChangeException(e.getMessage() + " (table " + table.location() + ", version " + current.version()
                    + "). Nothing was committed.");
        }
        if (evolved.equals(current.table())) {
            return new CommitResult(current.version(), true, 0);
        }
        return table.committer().commit(PendingCommit.alter(current.table(), evolved, current.version()));
    }
}
