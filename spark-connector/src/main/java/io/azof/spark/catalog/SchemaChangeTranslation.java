package io.azof.spark.catalog;

import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.types.DataType;
import io.azof.core.types.SchemaJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.catalog.TableChange;

/**
 * Spark's {@code ALTER TABLE} changes as format-core schema changes. format-core decides what is allowed (see
 * {@code SchemaChanges}); this refuses only what its changes cannot express: nested fields, positions, default
 * values, comments and {@code SET NOT NULL}. Table properties change in statements of their own ({@link TableProperties#update}).
 */
public final class SchemaChangeTranslation {
    private SchemaChangeTranslation() {
    }

    /** @throws InvalidSchemaChangeException naming the table and the change it cannot make */
    public static List<SchemaChange> toAzof(String table, TableChange... changes) {
        List<SchemaChange> translated = new ArrayList<>();
        for (TableChange change : changes) {
            translated.add(toAzof(table, change));
        }
        return translated;
    }

    private static SchemaChange toAzof(String table, TableChange change) {
        if (change instanceof TableChange.AddColumn add) {
            String column = topLevel(table, add.fieldNames());
            if (add.position() != null) {
                throw refused(table, "column '" + column + "' cannot be placed (FIRST / AFTER): azof adds columns after the existing ones");
            }
            if (add.defaultValue() != null) {
                throw refused(table, "column '" + column + "' cannot have a DEFAULT: rows written before it read as null");
            }
            if (add.comment() != null) {
                throw refused(table, "column '" + column + "' cannot have a COMMENT: azof stores no column comments");
            }
            return new SchemaChange.AddColumn(column, azofType(table, column, add.dataType()), add.isNullable());
        }
        if (change instanceof TableChange.UpdateColumnType update) {
            String column = topLevel(table, update.fieldNames());
            return new SchemaChange.WidenColumn(column, azofType(table, column, update.newDataType()));
        }
        if (change instanceof TableChange.UpdateColumnNullability nullability) {
            String column = topLevel(table, nullability.fieldNames());
            if (!nullability.nullable()) {
                throw refused(table, "column '" + column + "' cannot become NOT NULL: rows already written may hold nulls");
            }
            return new SchemaChange.MakeNullable(column);
        }
        if (change instanceof TableChange.RenameColumn rename) {
            return new SchemaChange.RenameColumn(topLevel(table, rename.fieldNames()), rename.newName());
        }
        if (change instanceof TableChange.DeleteColumn delete) {
            return new SchemaChange.DropColumn(topLevel(table, delete.fieldNames()));
        }
        if (change instanceof TableChange.SetProperty || change instanceof TableChange.RemoveProperty) {
            String property = change instanceof TableChange.SetProperty set ? set.property() : ((TableChange.RemoveProperty) change).property();
            throw refused(table, "table property '" + property + "' cannot change in the statement that changes columns; change"
                    + " properties with ALTER TABLE … SET TBLPROPERTIES on its own");
        }
        throw refused(table, "ALTER TABLE can add columns, widen their types and drop NOT NULL; not " + change.getClass().getSimpleName());
    }

    private static String topLevel(String table, String[] fieldNames) {
        if (fieldNames.length != 1) {
            throw refused(table, "nested field '" + String.join(".", fieldNames) + "' cannot be changed: azof changes top-level columns only");
        }
        return fieldNames[0];
    }

    private static DataType azofType(String table, String column, org.apache.spark.sql.types.DataType sparkType) {
        return SchemaJson.parse("ALTER TABLE " + table + " column '" + column + "'", sparkType.json());
    }

    private static InvalidSchemaChangeException refused(String table, String reason) {
        return new InvalidSchemaChangeException("ALTER TABLE " + table + ": " + reason + ". Nothing was committed.");
    }
}
