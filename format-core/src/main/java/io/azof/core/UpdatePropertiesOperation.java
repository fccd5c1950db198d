package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.coverage.CoverageBackfill;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.CoverageSettings;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.write.WriteOptions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change of a table's changeable properties ({@link Table#updateProperties()}; {@code ALTER TABLE … SET TBLPROPERTIES}):
 * {@value TableDefinition#AUTO_COMPACT}, {@value TableDefinition#AUTO_COMPACT_MAX_RUNS}, {@value TableDefinition#COVERAGE_GRANULARITY}
 * and {@value TableDefinition#OVERLAP_POLICY}, committed as one version with operation {@code alter}. A new coverage
 * granularity records the coverage of the data the table has in that same version (SPEC section 6.14). The other properties
 * define how the table's files are laid out and cannot change.
 */
public final class UpdatePropertiesOperation {
    private final Table table;
    /** How often a change of coverage granularity is made again after losing its version to another commit. */
    private static final int COVERAGE_ATTEMPTS = 5;
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
        set.put(property, switch (property) {
            case TableDefinition.AUTO_COMPACT -> Boolean.toString(defaults.enabled());
            case TableDefinition.AUTO_COMPACT_MAX_RUNS -> Integer.toString(defaults.maxRuns());
            case TableDefinition.OVERLAP_POLICY -> CoverageSettings.NONE.overlapPolicy().text();
            default -> null; // no coverage
        });
        return this;
    }

    private InvalidOptionException refused(String name) {
        boolean layout = TableDefinition.LAYOUT_PROPERTIES.stream().anyMatch(p -> p.equalsIgnoreCase(name));
        return new InvalidOptionException("Table property '" + name + "' of " + table.location() + (layout
                ? " defines how the table's files are laid out and cannot change after creation"
                : " is not an azof table property") + "; properties that can change: " + String.join(", ", TableDefinition.CHANGEABLE_PROPERTIES));
    }

    /**
     * Commits the new properties as the next version; commits nothing when they are what the table has. A change of the
     * coverage granularity writes the coverage of every delta first and commits on the version it read; when another commit
     * wins the race it is made again on the new version, reusing what it wrote.
     *
     * @throws InvalidOptionException for a value that does not parse, naming the property
     * @throws io.azof.core.exceptions.CommitConflictException when another change of the table's definition committed first
     */
    public CommitResult commit() {
        Map<String, String> coverageFiles = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            Snapshot current = table.latestWritable("alter");
            TableDefinition changed = changed(current.table());
            if (changed.equals(current.table())) {
                return new CommitResult(current.version(), true, 0);
            }
            if (Objects.equals(changed.coverage().granularity(), current.table().coverage().granularity())) {
                return table.committer().commit(PendingCommit.alter(current.table(), changed, current.version()));
            }
            List<NewDataFile> deltas = CoverageBackfill.deltasWithCoverage(table.storage(), current, changed, coverageFiles);
            try {
                return table.committer().commit(PendingCommit.coverage(current.table(), changed, deltas, current.version()));
            } catch (CommitConflictException e) {
                if (attempt >= COVERAGE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The definition with the properties set; checked. */
    private TableDefinition changed(TableDefinition current) {
        AutoCompaction setting = current.autoCompaction();
        CoverageSettings coverage = current.coverage();
        for (Map.Entry<String, String> property : set.entrySet()) {
            String name = property.getKey();
            String value = property.getValue();
            switch (name) {
                case TableDefinition.AUTO_COMPACT -> setting = setting.withEnabled(WriteOptions.bool(name, value));
                case TableDefinition.AUTO_COMPACT_MAX_RUNS -> setting = setting.withMaxRuns(WriteOptions.wholeNumber(name, value, "of at least 2"));
                case TableDefinition.OVERLAP_POLICY -> coverage = coverage.withOverlapPolicy(OverlapPolicy.parse(name, value));
                default -> coverage = coverage.withGranularity(value == null ? null : CoverageGranularity.parse(value));
            }
        }
        if (coverage.recordsCoverage() && !current.usesManifests()) {
            throw new InvalidOptionException("Table property '" + TableDefinition.COVERAGE_GRANULARITY + "' needs format version "
                    + TableDefinition.MANIFEST_FORMAT + "; table " + table.location() + " is at format version " + current.formatVersion()
                    + ": upgrade it in place first (Table.newFormatUpgrade(), or azof upgrade --in-place)");
        }
        if (coverage.overlapPolicy() != OverlapPolicy.ALLOW && !coverage.recordsCoverage()) {
            throw new InvalidOptionException("Table property '" + TableDefinition.OVERLAP_POLICY + "' is '" + coverage.overlapPolicy().text()
                    + "' but table " + table.location() + " records no coverage to check overlaps against; set '"
                    + TableDefinition.COVERAGE_GRANULARITY + "' (such as 1h) too");
        }
        return current.withAutoCompaction(setting).withCoverage(coverage);
    }
}
