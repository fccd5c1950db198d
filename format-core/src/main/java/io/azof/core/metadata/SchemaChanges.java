package io.azof.core.metadata;

import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.metadata.SchemaChange.AddColumn;
import io.azof.core.metadata.SchemaChange.DropColumn;
import io.azof.core.metadata.SchemaChange.MakeNullable;
import io.azof.core.metadata.SchemaChange.RenameColumn;
import io.azof.core.metadata.SchemaChange.WidenColumn;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.types.TypeWidening;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which schema changes a table accepts, as a pure function from a definition and changes to the new
 * definition: adding a nullable payload column, widening a payload column ({@link TypeWidening}) and making
 * one nullable, the changes that keep every file already written readable as written (SPEC section 6.11 says
 * why everything else is refused).
 */
public final class SchemaChanges {
    /** Data files hold azof's own columns under this prefix ({@code _azof_deleted}, {@code _azof_version}). */
    static final String RESERVED_PREFIX = "_azof_";

    private SchemaChanges() {
    }

    /**
     * The definition after {@code changes}, applied in order (a later change sees the earlier ones). Changes
     * that change nothing (widening a column to its own type, making a nullable column nullable) are allowed:
     * the result then equals {@code table}.
     *
     * @throws InvalidSchemaChangeException naming the column and, for a type change, its old and new type
     */
    public static TableDefinition apply(TableDefinition table, List<SchemaChange> changes) {
        if (table.isLegacy()) {
            throw new IllegalArgumentException("azof 0.2.1 tables are read-only; callers refuse them first (TableDefinition.requireWritable)");
        }
        List<StructField> fields = new ArrayList<>(table.schema().fields());
        for (SchemaChange change : changes) {
            Objects.requireNonNull(change, "schema change");
            if (change instanceof AddColumn add) {
                fields.add(added(table, fields, add));
            } else {
                int index = indexOf(fields, change.column());
                StructField field = fields.get(index);
                checkPayload(table, field, change);
                fields.set(index, changed(field, change));
            }
        }
        return table.withSchema(new StructType(fields));
    }

    /**
     * True when {@code after} is {@code before} changed only as {@link #apply} allows: the same key, event-time
     * column and layout, every column still there in its place with a type it widens to and no new not-null
     * declaration, and any new columns nullable, after the old ones.
     */
    public static boolean isEvolution(TableDefinition before, TableDefinition after) {
        if (!before.sameLayout(after)) {
            return false;
        }
        List<StructField> old = before.schema().fields();
        List<StructField> now = after.schema().fields();
        if (now.size() < old.size()) {
            return false;
        }
        List<SchemaChange> changes = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            StructField was = old.get(i);
            StructField is = now.get(i);
            if (!was.name().equals(is.name())) {
                return false;
            }
            if (!was.type().equals(is.type())) {
                changes.add(new WidenColumn(was.name(), is.type()));
            }
            if (was.nullable() && !is.nullable()) {
                return false; // values written as null would break the new declaration
            }
            if (is.nullable() && !was.nullable()) {
                changes.add(new MakeNullable(was.name()));
            }
        }
        for (StructField added : now.subList(old.size(), now.size())) {
            changes.add(new AddColumn(added.name(), added.type(), added.nullable()));
        }
        try {
            return apply(before, changes).equals(after);
        } catch (InvalidSchemaChangeException e) {
            return false;
        }
    }

    /**
     * What differs between two schemas, one phrase per column, in the order of {@code after} then the columns
     * only {@code before} has: e.g. "column 'qty' widened from integer to long", "column 'note' (string) added".
     */
    public static List<String> differences(StructType before, StructType after) {
        List<String> differences = new ArrayList<>();
        for (StructField is : after.fields()) {
            StructField was = before.field(is.name()).orElse(null);
            if (was == null) {
                differences.add("column '" + is.name() + "' (" + describe(is) + ") added");
                continue;
            }
            if (!was.type().equals(is.type())) {
                differences.add("column '" + is.name() + "' " + (TypeWidening.canWiden(was.type(), is.type()) ? "widened" : "changed")
                        + " from " + was.type() + " to " + is.type());
            }
            if (was.nullable() != is.nullable()) {
                differences.add("column '" + is.name() + "' became " + (is.nullable() ? "nullable" : "not null"));
            }
        }
        for (StructField was : before.fields()) {
            if (after.field(was.name()).isEmpty()) {
                differences.add("column '" + was.name() + "' (" + describe(was) + ") removed");
            }
        }
        if (differences.isEmpty() && !before.equals(after)) {
            differences.add("columns reordered from " + before.fieldNames() + " to " + after.fieldNames());
        }
        return differences;
    }

    private static StructField added(TableDefinition table, List<StructField> fields, AddColumn add) {
        String name = add.column();
        String what = "Cannot add column '" + name + "' (" + add.type() + ")";
        if (name.isBlank()) {
            throw new InvalidSchemaChangeException("Cannot add a column with an empty name (" + add.type() + ")");
        }
        for (StructField existing : fields) {
            if (existing.name().equalsIgnoreCase(name)) {
                throw new InvalidSchemaChangeException(what + ": the table already has a column '" + existing.name() + "' ("
                        + existing.type() + ")" + (existing.name().equals(name) ? "" : "; column names are compared"
                        + " case-insensitively, as Spark compares them"));
            }
        }
        if (name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            throw new InvalidSchemaChangeException(what + ": names starting with '" + RESERVED_PREFIX + "' are reserved for the"
                    + " columns azof itself stores in data files");
        }
        if (!add.nullable()) {
            throw new InvalidSchemaChangeException(what + " as not null: the rows already in the table have no value for it and"
                    + " read it as null. Add it as a nullable column");
        }
        return new StructField(name, add.type(), true);
    }

    /**
     * The position of the column {@code name} names: the column of exactly that name, or else the only one whose
     * name equals it ignoring case (Spark resolves names case-insensitively by default).
     */
    private static int indexOf(List<StructField> fields, String name) {
        int found = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new InvalidSchemaChangeException("Column '" + name + "' is ambiguous: the table has both '"
                            + fields.get(found).name() + "' and '" + fields.get(i).name() + "'; name one exactly");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new InvalidSchemaChangeException("The table has no column '" + name + "'; its columns are "
                    + fields.stream().map(StructField::name).toList());
        }
        return found;
    }

    /** Key and event-time columns never change: every data file is bucketed, sorted and pruned by them. */
    private static void checkPayload(TableDefinition table, StructField field, SchemaChange change) {
        String role = table.keyColumns().contains(field.name()) ? "key column"
                : field.name().equals(table.eventTimeColumn()) ? "event-time column" : null;
        if (role == null) {
            return;
        }
        String attempt;
        if (change instanceof WidenColumn widen) {
            attempt = "change the type of " + role + " '" + field.name() + "' from " + field.type() + " to " + widen.type();
        } else if (change instanceof MakeNullable) {
            attempt = "make " + role + " '" + field.name() + "' nullable";
        } else if (change instanceof RenameColumn rename) {
            attempt = "rename " + role + " '" + field.name() + "' to '" + rename.newName() + "'";
        } else {
            attempt = "drop " + role + " '" + field.name() + "'";
        }
        String neverNull = change instanceof MakeNullable ? ", and they are never null" : "";
        throw new InvalidSchemaChangeException("Cannot " + attempt + ": key and event-time columns never change, because every"
                + " data file is bucketed, sorted and pruned by them" + neverNull);
    }

    private static StructField changed(StructField field, SchemaChange change) {
        String name = field.name();
        if (change instanceof WidenColumn widen) {
            if (TypeWidening.canWiden(field.type(), widen.type())) {
                return new StructField(name, widen.type(), field.nullable());
            }
            String why = TypeWidening.isNarrowing(field.type(), widen.type())
                    ? "that narrows it, and values already written may not fit"
                    : "only widening changes are possible, because data files already written keep their type";
            throw new InvalidSchemaChangeException("Cannot change column '" + name + "' from " + field.type() + " to " + widen.type()
                    + ": " + why + ". Allowed: " + TypeWidening.ALLOWED);
        }
        if (change instanceof MakeNullable) {
            return new StructField(name, field.type(), true);
        }
        if (change instanceof RenameColumn rename) {
            throw new InvalidSchemaChangeException("Cannot rename column '" + name + "' to '" + rename.newName() + "': data files store"
                    + " columns by name, so the files written before would have no column '" + rename.newName() + "' and read it as"
                    + " null. Renaming needs column ids, which azof's format version 2 does not have; add a new column instead");
        }
        if (change instanceof DropColumn) {
            throw new InvalidSchemaChangeException("Cannot drop column '" + name + "': data files store columns by name, so a column"
                    + " added later under this name would show the dropped values from the files written before. Dropping needs column"
                    + " ids, which azof's format version 2 does not have");
        }
        throw new IllegalStateException("unknown schema change " + change);
    }

    private static String describe(StructField field) {
        return field.type() + (field.nullable() ? "" : " not null");
    }
}
