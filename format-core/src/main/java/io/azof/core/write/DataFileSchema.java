package io.azof.core.write;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a format version 2 data file: the table's columns (key and event time required,
 * payload physically nullable so delete records need no payload), then the op and version columns.
 */
public final class DataFileSchema {
    public static final String DELETED_COLUMN = "_azof_deleted";
    public static final String VERSION_COLUMN = "_azof_version";

    private DataFileSchema() {
    }

    public static StructType of(TableDefinition table) {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            boolean required = table.keyColumns().contains(field.name()) || field.name().equals(table.eventTimeColumn());
            fields.add(new StructField(field.name(), field.type(), !required));
        }
        fields.add(new StructField(DELETED_COLUMN, PrimitiveType.BOOLEAN, false));
        fields.add(new StructField(VERSION_COLUMN, PrimitiveType.LONG, true));
        return new StructType(fields);
    }
}
