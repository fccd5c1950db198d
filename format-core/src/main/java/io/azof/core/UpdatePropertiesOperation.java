package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.write.WriteOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change of a table's changeable properties ({@link Table#updateProperties()}; {@code ALTER TABLE … SET TBLPROPERTIES}):
 * {@value TableDefinition#AUTO_COMPACT} and {@value TableDefinition#AUTO_COMPACT_MAX_RUNS}, committed as one version with
 * operation {@code alter}. The other properties define how the table's files are laid out and cannot change.
 */
public final class UpdatePropertiesOperation {
    private final Table table;
    private final Map<String, String> set = new LinkedHashMap<>();

    UpdatePropertiesOperation(Table table) {
        this.table = table;
    }

    /**
     * Sets a property (its name case-insensitive, as in Spark).
     *
     * @throws InvalidOptionException for a property that cannot change, naming it and the ones that can
     */
    public UpdatePropertiesOperation set(String name, String value) {
        String property = TableDefinition.CHANGEABLE_PROPERTIES.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> refused(name));
        set.put(property, value);
        return this;
    }

    /** Puts a property back to its default. */
    public UpdatePropertiesOperation unset(String name) {
        AutoCompaction defaults = AutoCompaction.defaults();
        String property = TableDefinition.CHANGEABLE_PROPERTIES.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> refused(name));
        set.put(property, property.equals(TableDefinition.AUTO_COMPACT) ? Boolean.toString(defaults.enabled())
                : Integer.toString(defaults.maxRuns()));
        return this;
    }

    private InvalidOptionException refused(String name) {
        boolean layout = TableDefinition.LAYOUT_PROPERTIES.stream().anyMatch(p -> p.equalsIgnoreCase(name));
        return new InvalidOptionException("Table property '" + name + "' of " + table.location() + (layout
                ? " defines how the table's files are laid out and cannot change after creation"
                : " is not an azof table property") + "; properties that can change: " + String.join(", ", TableDefinition.CHANGEABLE_PROPERTIES));
    }

    /**
     * Commits the new properties as the next version; commits nothing when they are what the table has.
     *
     * @throws InvalidOptionException for a value that does not parse, naming the property
     * @throws io.azof.core.exceptions.CommitConflictException when another change of the table's definition committed first
     */
    public CommitResult commit() {
        Snapshot current = table.latestWritable("alter");
        AutoCompaction setting = current.table().autoCompaction();
        for (Map.Entry<String, String> property : set.entrySet()) {
            setting = property.getKey().equals(TableDefinition.AUTO_COMPACT)
                    ? setting.withEnabled(WriteOptions.bool(property.getKey(), property.getValue()))
                    : setting.withMaxRuns(WriteOptions.wholeNumber(property.getKey(), property.getValue(), "of at least 2"));
        }
        TableDefinition changed = current.table().withAutoCompaction(setting);
        if (changed.equals(current.table())) {
            return new CommitResult(current.version(), true, 0);
        }
        return table.committer().commit(PendingCommit.alter(current.table(), changed, current.version()));
    }
}
