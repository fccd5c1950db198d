package io.azof.core.metadata;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a table is: its full schema, which columns form the key and which holds the event time, and
 * how its files are laid out. Every snapshot carries one; a write must agree with it.
 *
 * @param schema every column (key, event time, payload) in the order users see them
 * @param granularity segment period; null for azof 0.2.1 tables, whose segments are free-form
 * @param buckets key-hash buckets; 0 for azof 0.2.1 tables, which are not bucketed
 */
public record TableDefinition(
        List<String> keyColumns,
        String eventTimeColumn,
        StructType schema,
        SegmentGranularity granularity,
        int buckets) implements Serializable {

    public static final SegmentGranularity DEFAULT_GRANULARITY = SegmentGranularity.MONTH;
    public static final int DEFAULT_BUCKETS = 4;

    public TableDefinition {
        keyColumns = List.copyOf(keyColumns);
        Objects.requireNonNull(eventTimeColumn, "eventTimeColumn");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * A definition for a new table, checked: keys and event time must exist with usable types.
     *
     * @throws InvalidOptionException naming the option, the column and its type
     */
    public static TableDefinition create(List<String> keyColumns, String eventTimeColumn, StructType schema,
                                         SegmentGranularity granularity, int buckets) {
        if (keyColumns.isEmpty()) {
            throw new InvalidOptionException("Option 'keyColumns' must name at least one column");
        }
        for (String key : keyColumns) {
            StructField field = schema.field(key).orElseThrow(() -> new InvalidOptionException(
                    "Key column '" + key + "' (option 'keyColumns') is not in the schema " + schema.fieldNames()));
            if (!isKeyType(field.type())) {
                throw new InvalidOptionException("Key column '" + key + "' has type " + field.type()
                        + "; key columns must be string, binary, boolean, byte, short, integer, long, decimal, date or timestamp");
            }
        }
        if (keyColumns.stream().distinct().count() != keyColumns.size()) {
            throw new InvalidOptionException("Option 'keyColumns' names a column twice: " + keyColumns);
        }
        StructField eventTime = schema.field(eventTimeColumn).orElseThrow(() -> new InvalidOptionException(
                "Event-time column '" + eventTimeColumn + "' (option 'eventTimeColumn') is not in the schema " + schema.fieldNames()));
        if (eventTime.type() != PrimitiveType.TIMESTAMP) {
            throw new InvalidOptionException("Event-time column '" + eventTimeColumn + "' has type " + eventTime.type()
                    + "; it must be a timestamp");
        }
        if (keyColumns.contains(eventTimeColumn)) {
            throw new InvalidOptionException("Column '" + eventTimeColumn + "' cannot be both a key column and the event-time column");
        }
        if (buckets < 1 || buckets > 4096) {
            throw new InvalidOptionException("Option 'buckets' must be between 1 and 4096, not " + buckets);
        }
        return new TableDefinition(keyColumns, eventTimeColumn, schema, Objects.requireNonNull(granularity), buckets);
    }

    /** The definition implied by an azof 0.2.1 schema: key {@code key} (string), {@code event_time}, payload as declared. */
    public static TableDefinition legacy(TableSchema legacySchema) {
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField(TableSchema.KEY_COLUMN, PrimitiveType.STRING, false));
        fields.add(new StructField(TableSchema.EVENT_TIME_COLUMN, PrimitiveType.TIMESTAMP, false));
        for (Column column : legacySchema.columns()) {
            DataType type = switch (column.type()) {
                case STRING -> PrimitiveType.STRING;
                case INT -> PrimitiveType.LONG;
                case BOOLEAN -> PrimitiveType.BOOLEAN;
                case DATE_TIME -> PrimitiveType.TIMESTAMP;
            };
            fields.add(new StructField(column.name(), type, column.nullable()));
        }
        return new TableDefinition(List.of(TableSchema.KEY_COLUMN), TableSchema.EVENT_TIME_COLUMN, new StructType(fields), null, 0);
    }

    private static boolean isKeyType(DataType type) {
        return type instanceof DecimalType
                || (type instanceof PrimitiveType p && p != PrimitiveType.FLOAT && p != PrimitiveType.DOUBLE);
    }

    public boolean isLegacy() {
        return buckets == 0;
    }

    /** The key columns as a schema, in key order. */
    public StructType keySchema() {
        return new StructType(keyColumns.stream().map(k -> schema.field(k).orElseThrow()).toList());
    }

    /** Payload columns: every column that is neither a key nor the event time, in schema order. */
    public List<StructField> payloadFields() {
        return schema.fields().stream()
                .filter(f -> !keyColumns.contains(f.name()) && !f.name().equals(eventTimeColumn))
                .toList();
    }

    public List<String> payloadColumns() {
        return payloadFields().stream().map(StructField::name).toList();
    }

    /** Whether {@code other} has the same key, event-time column and layout, whatever its schema. */
    public boolean sameLayout(TableDefinition other) {
        return keyColumns.equals(other.keyColumns) && eventTimeColumn.equals(other.eventTimeColumn)
                && granularity == other.granularity && buckets == other.buckets;
    }
}
