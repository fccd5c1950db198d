package io.azof.core.write;

import io.azof.core.commit.PendingCommit;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.SchemaChanges;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.VersionHead;
import io.azof.core.slots.CoverageSettings;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.types.DataType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.types.TypeWidening;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A write checked against the table before any data file is written: the table definition it writes
 * to, how input rows map to write records, and whether it must be skipped (its write id is committed).
 * Everything here is decided on the driver; {@link #toRecord} runs on workers.
 *
 * <p>With {@code mergeSchema} ({@link WriteOptions#mergeSchema()}), {@code table} is the evolved definition the
 * write commits (columns the data adds, types it widens) and {@code readTable} the one it was validated against.
 *
 * @param readTable the definition of {@code readVersion}; null when the write creates the table
 * @param inputTypeToWiden per table column, the narrower type the data brings for it (mergeSchema), whose values
 *     {@link #toRecord} widens to the table's type; null where the data has the table's type
 */
public record PreparedWrite(
        TableDefinition table,
        long readVersion,
        boolean skip,
        int[] inputIndexOfTableColumn,
        int deleteInputIndex,
        WriteOptions options,
        TableDefinition readTable,
        DataType[] inputTypeToWiden) implements Serializable {

    /**
     * Validates a write of rows shaped as {@code inputSchema} into the table at {@code storage}.
     *
     * @throws InvalidOptionException for options that name missing columns or differ from the table's
     * @throws InvalidWriteException for data whose schema does not match the table (naming the column and both types)
     */
    public static PreparedWrite prepare(TableStorage storage, StructType inputSchema, WriteOptions options) {
        SnapshotLog log = new SnapshotLog(storage);
        long latest = log.latestVersion();
        VersionHead current = latest == 0 ? null : VersionHead.of(log.readHead(latest));
        if (options.writeId() != null && current != null && current.commit() != null && current.commit().hasCommitted(options.writeId())) {
            return new PreparedWrite(current.table(), latest, true, new int[0], -1, options, current.table(),
                    new DataType[0]);
        }
        if (options.mode() == WriteOptions.Mode.CREATE && current != null) {
            // Fails before any data file is written; the commit's exclusive create of version 1 is what guarantees it.
            throw TableAlreadyExistsException.at(storage.tableLocation(), latest);
        }
        if (current != null) {
            current.table().requireWritable(storage.tableLocation(), options.mode().label());
        }
        int deleteIndex = -1;
        List<StructField> tableFields = new ArrayList<>();
        for (int i = 0; i < inputSchema.size(); i++) {
            StructField field = inputSchema.field(i);
            if (field.name().equals(options.deleteColumn())) {
                deleteIndex = i;
            } else {
                tableFields.add(field);
            }
        }
        if (options.deleteColumn() != null) {
            if (deleteIndex < 0) {
                throw new InvalidOptionException("Option 'deleteColumn' names '" + options.deleteColumn()
                        + "', which is not a column of the data being written " + inputSchema.fieldNames());
            }
            if (inputSchema.field(deleteIndex).type() != PrimitiveType.BOOLEAN) {
                throw new InvalidOptionException("Option 'deleteColumn' names '" + options.deleteColumn() + "', which has type "
                        + inputSchema.field(deleteIndex).type() + "; it must be boolean");
            }
        }
        StructType writtenSchema = new StructType(tableFields);
        TableDefinition table = current == null ? newTable(writtenSchema, options)
                : existingTable(storage, current.table(), writtenSchema, options);
        checkOverlapOption(storage, table, options);
        int[] indexes = table.schema().fields().stream().mapToInt(f -> inputSchema.fieldIndex(f.name())).toArray();
        DataType[] toWiden = new DataType[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            DataType given = inputSchema.field(indexes[i]).type();
            toWiden[i] = given.equals(table.schema().field(i).type()) ? null : given;
        }
        return new PreparedWrite(table, latest, false, indexes, deleteIndex, options, current == null ? null : current.table(), toWiden);
    }

    private static TableDefinition newTable(StructType schema, WriteOptions options) {
        TableDefinition table = TableDefinition.create(
                Objects.requireNonNullElse(options.keyColumns(), List.of(WriteOptions.DEFAULT_KEY_COLUMN)),
                Objects.requireNonNullElse(options.eventTimeColumn(), WriteOptions.DEFAULT_EVENT_TIME_COLUMN),
                schema,
                Objects.requireNonNullElse(options.granularity(), TableDefinition.DEFAULT_GRANULARITY),
                Objects.requireNonNullElse(options.buckets(), TableDefinition.DEFAULT_BUCKETS),
                options.autoCompaction()).withFormatVersion(Objects.requireNonNullElse(options.formatVersion(), TableDefinition.FORMAT_VERSION));
        CoverageSettings coverage = options.coverageSettings();
        if (coverage.recordsCoverage() && !table.usesManifests()) {
            throw new InvalidOptionException("Option '" + WriteOptions.COVERAGE_GRANULARITY + "' needs format version "
                    + TableDefinition.MANIFEST_FORMAT + ", whose manifests name each delta's coverage file; option '"
                    + WriteOptions.FORMAT_VERSION + "' asks for " + table.formatVersion());
        }
        return table.withCoverage(coverage);
    }

    /**
     * An overlap policy other than {@code allow} needs coverage to decide with (SPEC section 6.15): for an append to a table that
     * records none, it fails naming the property to set.
     */
    private static void checkOverlapOption(TableStorage storage, TableDefinition table, WriteOptions options) {
        OverlapPolicy policy = overlapPolicyOf(table, options);
        if (policy == OverlapPolicy.ALLOW) {
            return;
        }
        String source = options.onOverlap() != null ? "Option '" + WriteOptions.ON_OVERLAP + "'"
                : "Table property '" + WriteOptions.OVERLAP_POLICY + "'";
        if (!table.coverage().recordsCoverage()) {
            throw new InvalidOptionException(source + " is '" + policy.text() + "' but table " + storage.tableLocation()
                    + " records no coverage to check overlaps against; set its property '" + WriteOptions.COVERAGE_GRANULARITY
                    + "' (such as 1h) first, with ALTER TABLE ... SET TBLPROPERTIES or Table.updateProperties()");
        }
        if (options.onOverlap() != null && options.mode() == WriteOptions.Mode.OVERWRITE) {
            throw new InvalidOptionException("Option '" + WriteOptions.ON_OVERLAP + "' applies to appends; an overwrite replaces every"
                    + " record of " + storage.tableLocation() + ", so nothing can overlap");
        }
    }

    /** The overlap policy this write decides with: its own option, else the table's property. */
    public OverlapPolicy overlapPolicy() {
        return overlapPolicyOf(table, options);
    }

    private static OverlapPolicy overlapPolicyOf(TableDefinition table, WriteOptions options) {
        return options.onOverlap() != null ? options.onOverlap() : table.coverage().overlapPolicy();
    }

    private static TableDefinition existingTable(TableStorage storage, TableDefinition table, StructType written, WriteOptions options) {
        String where = " of table " + storage.tableLocation();
        if (options.formatVersion() != null && options.formatVersion() != table.formatVersion()) {
            throw new InvalidOptionException("Option '" + WriteOptions.FORMAT_VERSION + "' is " + options.formatVersion() + " but table "
                    + storage.tableLocation() + " is at format version " + table.formatVersion() + "; a write does not change it"
                    + (table.formatVersion() < TableDefinition.MANIFEST_FORMAT ? " (upgrade the table in place to reach format version 3)" : ""));
        }
        if (options.keyColumns() != null && !options.keyColumns().equals(table.keyColumns())) {
            throw new InvalidOptionException("Option 'keyColumns' is " + options.keyColumns() + " but the key columns" + where
                    + " are " + table.keyColumns());
        }
        if (options.eventTimeColumn() != null && !options.eventTimeColumn().equals(table.eventTimeColumn())) {
            throw new InvalidOptionException("Option 'eventTimeColumn' is '" + options.eventTimeColumn() + "' but the event-time column"
                    + where + " is '" + table.eventTimeColumn() + "'");
        }
        if (options.granularity() != null && options.granularity() != table.granularity()) {
            throw new InvalidOptionException("Option 'segmentGranularity' is '" + options.granularity().jsonName()
                    + "' but the segment granularity" + where + " is '" + table.granularity().jsonName() + "'");
        }
        if (options.autoCompact() != null && options.autoCompact() != table.autoCompaction().enabled()
                || options.autoCompactMaxRuns() != null && options.autoCompactMaxRuns() != table.autoCompaction().maxRuns()) {
            throw new InvalidOptionException("Options '" + WriteOptions.AUTO_COMPACT + "' and '" + WriteOptions.AUTO_COMPACT_MAX_RUNS
                    + "' set a new table's properties; the table" + where + " has " + WriteOptions.AUTO_COMPACT + "="
                    + table.autoCompaction().enabled() + ", " + WriteOptions.AUTO_COMPACT_MAX_RUNS + "=" + table.autoCompaction().maxRuns()
                    + ". Change them with ALTER TABLE ... SET TBLPROPERTIES or Table.updateProperties()");
        }
        if (options.coverageGranularity() != null && !options.coverageGranularity().equals(table.coverage().granularity())
                || options.overlapPolicy() != null && options.overlapPolicy() != table.coverage().overlapPolicy()) {
            throw new InvalidOptionException("Options '" + WriteOptions.COVERAGE_GRANULARITY + "' and '" + WriteOptions.OVERLAP_POLICY
                    + "' set a new table's properties; the table" + where + " has " + WriteOptions.COVERAGE_GRANULARITY + "="
                    + (table.coverage().recordsCoverage() ? table.coverage().granularity() : "(none)") + ", " + WriteOptions.OVERLAP_POLICY + "="
                    + table.coverage().overlapPolicy().text() + ". Change them with ALTER TABLE ... SET TBLPROPERTIES or"
                    + " Table.updateProperties(); option '" + WriteOptions.ON_OVERLAP + "' chooses the policy of one append");
        }
        if (options.buckets() != null && options.buckets() != table.buckets()) {
            throw new InvalidOptionException("Option 'buckets' is " + options.buckets() + " but the table" + where + " has "
                    + table.buckets() + " buckets");
        }
        List<SchemaChange> evolution = new ArrayList<>();
        for (StructField column : table.schema().fields()) {
            StructField given = written.field(column.name()).orElseThrow(() -> new InvalidWriteException("Column '" + column.name()
                    + "' (" + column.type() + ")" + where + " is missing from the data being written " + written.fieldNames()));
            if (given.type().equals(column.type())) {
                continue;
            }
            boolean dataIsWider = TypeWidening.canWiden(column.type(), given.type());
            if (options.mergeSchema() && dataIsWider) {
                evolution.add(new SchemaChange.WidenColumn(column.name(), given.type()));
            } else if (!options.mergeSchema() || !TypeWidening.canWiden(given.type(), column.type())) {
                boolean payload = table.payloadColumns().contains(column.name());
                String hint = "";
                if (options.mergeSchema()) {
                    hint = "; option '" + WriteOptions.MERGE_SCHEMA + "' only widens types (" + TypeWidening.ALLOWED + ")";
                } else if (dataIsWider && payload) {
                    hint = "; write with option " + WriteOptions.MERGE_SCHEMA + "=true to widen the table's column to " + given.type();
                }
                throw new InvalidWriteException("Column '" + column.name() + "' has type " + given.type()
                        + " in the data being written but " + column.type() + " in the table" + where + hint);
            }
            // Otherwise the data's type is narrower: the table keeps its type and toRecord widens the values.
        }
        for (StructField given : written.fields()) {
            if (table.schema().field(given.name()).isEmpty()) {
                if (!options.mergeSchema()) {
                    throw new InvalidWriteException("Column '" + given.name() + "' (" + given.type() + ") of the data being written is not in"
                            + " the table" + where + " " + table.schema().fieldNames() + "; write with option " + WriteOptions.MERGE_SCHEMA
                            + "=true to add it to the table");
                }
                // Rows already in the table have no value in the new column, so it is nullable whatever the data declares.
                evolution.add(SchemaChange.AddColumn.nullable(given.name(), given.type()));
            }
        }
        if (evolution.isEmpty()) {
            return table;
        }
        try {
            return SchemaChanges.apply(table, evolution);
        } catch (InvalidSchemaChangeException e) {
            throw new InvalidWriteException("Option '" + WriteOptions.MERGE_SCHEMA + "' cannot evolve the table" + where + " to the data's"
                    + " schema: " + e.getMessage() + ". Nothing was committed.");
        }
    }

    /** The write record of an input row: the table's columns in schema order, then the delete flag. */
    public Object[] toRecord(Object[] inputRow) {
        Object[] record = new Object[inputIndexOfTableColumn.length + 1];
        for (int i = 0; i < inputIndexOfTableColumn.length; i++) {
            Object value = inputRow[inputIndexOfTableColumn[i]];
            record[i] = inputTypeToWiden[i] == null ? value : TypeWidening.widen(value, inputTypeToWiden[i], table.schema().field(i).type());
        }
        record[inputIndexOfTableColumn.length] = deleteInputIndex >= 0 && Boolean.TRUE.equals(inputRow[deleteInputIndex]);
        return record;
    }

    /**
     * Writes {@code rows} (laid out as the input schema this write was prepared for) as this write's data files, sorted in
     * memory: the engine-neutral way, for writes that fit in the heap. Engines distribute the same steps: {@link #toRecord}
     * and {@link RecordLayout#sortKey} per row, a sort by {@link RecordLayout#writeOrder()} within each bucket, and a
     * {@link SortedRecordWriter} per sorted partition. Nothing is visible until {@link #commitOf} commits the files.
     */
    public List<NewDataFile> writeFiles(TableStorage storage, Iterable<Object[]> rows) {
        RecordLayout layout = new RecordLayout(table);
        List<Map.Entry<RecordLayout.SortKey, Object[]>> records = new ArrayList<>();
        for (Object[] row : rows) {
            Object[] record = toRecord(row);
            records.add(Map.entry(layout.sortKey(record), record));
        }
        records.sort(Map.Entry.comparingByKey(layout.writeOrder()));
        try (SortedRecordWriter writer = new SortedRecordWriter(storage, layout)) {
            for (Map.Entry<RecordLayout.SortKey, Object[]> entry : records) {
                writer.write(entry.getKey(), entry.getValue());
            }
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write data files to " + storage.tableLocation() + "; nothing was committed", e);
        }
    }

    /**
     * The commit of this write once its data files exist: on the definition it evolved to, re-based only while the one it
     * read holds; a {@link WriteOptions.Mode#CREATE} write only as the table's first version; an append whose overlap
     * policy is not {@code allow} with the guard that applies it.
     */
    public PendingCommit commitOf(TableStorage storage, List<NewDataFile> files) {
        PendingCommit.Operation operation = options.mode() == WriteOptions.Mode.OVERWRITE
                ? PendingCommit.Operation.OVERWRITE : PendingCommit.Operation.APPEND;
        PendingCommit commit = PendingCommit.write(operation, table, files, readVersion, readTable, options.writeId(),
                options.mode() == WriteOptions.Mode.CREATE);
        // Decided on every attempt of the commit, against the version it is made on (SPEC section 6.15).
        return operation == PendingCommit.Operation.APPEND && overlapPolicy() != OverlapPolicy.ALLOW
                ? commit.withGuard(new OverlapGuard(storage, table, overlapPolicy())) : commit;
    }
}
