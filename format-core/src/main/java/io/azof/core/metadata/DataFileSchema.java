package io.azof.core.metadata;

import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * The columns a data file of {@code table} may lack, each then read as null: the nullable payload columns.
     * A file written before {@code ALTER TABLE ... ADD COLUMN} has no such column, and a column added later is
     * always nullable, so a file without a key, the event time, a not-null payload column or azof's own
     * columns is damaged rather than old.
     */
    public static Set<String> readAsNullWhenAbsent(TableDefinition table) {
        return table.payloadFields().stream().filter(StructField::nullable).map(StructField::name).collect(Collectors.toUnmodifiableSet());
    }
}
