package io.azof.core.metadata;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.LegacyTableException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.CoverageSettings;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.types.ValueText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a table is: its format, its full schema, which columns form the key and which holds the event time,
 * and how its files are laid out. Every snapshot carries one; a write must agree with it. Its settings are
 * readable by name through {@link #properties()}.
 *
 * @param formatVersion {@link #MANIFEST_FORMAT} (what new tables get), {@link #LISTING_FORMAT}, or {@link #LEGACY_FORMAT}
 *     for tables written by azof 0.2.1: the one place that says how a table's metadata is laid out and whether it is
 *     azof 0.2.1's
 * @param schema every column (key, event time, payload) in the order users see them
 * @param granularity segment period; null for azof 0.2.1 tables, whose segments are free-form
 * @param buckets key-hash buckets; 0 for azof 0.2.1 tables, which are not bucketed
 * @param autoCompaction compaction after writes, a setting that can change after creation
 * @param coverage the coverage granularity and overlap policy of a time-series table (SPEC sections 6.14, 6.15), settings
 *     that can change after creation; {@link CoverageSettings#NONE} for other tables
 */
public record TableDefinition(
        int formatVersion,
        List<String> keyColumns,
        String eventTimeColumn,
        StructType schema,
        SegmentGranularity granularity,
        int buckets,
        AutoCompaction autoCompaction,
        CoverageSettings coverage) implements Serializable {

    /** azof 0.2.1 snapshots carry no format version; this is the one they are read as. */
    public static final int LEGACY_FORMAT = 1;
    /** Format version 2: every snapshot file lists every data file of the table (SPEC section 5). */
    public static final int LISTING_FORMAT = 2;
    /**
     * Format version 3: a snapshot file is a small root naming immutable manifests, one per segment and bucket, shared
     * between versions (SPEC section 6.12).
     */
    public static final int MANIFEST_FORMAT = 3;
    /** The format new tables are created at. */
    public static final int FORMAT_VERSION = MANIFEST_FORMAT;

    public static final SegmentGranularity DEFAULT_GRANULARITY = SegmentGranularity.MONTH;
    public static final int DEFAULT_BUCKETS = 4;

    /** The names of the table's settings, as writers' options and catalog properties spell them. */
    public static final String KEY_COLUMNS = "keyColumns";
    public static final String EVENT_TIME_COLUMN = "eventTimeColumn";
    public static final String SEGMENT_GRANULARITY = "segmentGranularity";
    public static final String BUCKETS = "buckets";
    public static final String AUTO_COMPACT = "autoCompact";
    public static final String AUTO_COMPACT_MAX_RUNS = "autoCompact.maxRuns";
    public static final String COVERAGE_GRANULARITY = CoverageGranularity.PROPERTY;
    public static final String OVERLAP_POLICY = OverlapPolicy.PROPERTY;
    /** The format version a new table is created at; changed only by an in-place upgrade. */
    public static final String FORMAT_VERSION_PROPERTY = "formatVersion";
    /** The properties that define how a table's files are laid out: set at creation, never changed. */
    public static final List<String> LAYOUT_PROPERTIES = List.of(KEY_COLUMNS, EVENT_TIME_COLUMN, SEGMENT_GRANULARITY, BUCKETS);
    /** The settings a table can change after creation. */
    public static final List<String> CHANGEABLE_PROPERTIES = List.of(AUTO_COMPACT, AUTO_COMPACT_MAX_RUNS, COVERAGE_GRANULARITY,
            OVERLAP_POLICY);

    public TableDefinition {
        if (formatVersion != LEGACY_FORMAT && formatVersion != LISTING_FORMAT && formatVersion != MANIFEST_FORMAT) {
            throw new IllegalArgumentException("unknown format version " + formatVersion);
        }
        keyColumns = List.copyOf(keyColumns);
        Objects.requireNonNull(eventTimeColumn, "eventTimeColumn");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(autoCompaction, "autoCompaction");
        Objects.requireNonNull(coverage, "coverage");
    }

    /** A definition without coverage settings (format versions 2 and 3 tables that keep no coverage). */
    public TableDefinition(int formatVersion, List<String> keyColumns, String eventTimeColumn, StructType schema,
                           SegmentGranularity granularity, int buckets, AutoCompaction autoCompaction) {
        this(formatVersion, keyColumns, eventTimeColumn, schema, granularity, buckets, autoCompaction, CoverageSettings.NONE);
    }

    /**
     * A definition for a new table, checked: keys and event time must exist with usable types.
     *
     * @throws InvalidOptionException naming the option, the column and its type
     */
    public static TableDefinition create(List<String> keyColumns, String eventTimeColumn, StructType schema,
                                         SegmentGranularity granularity, int buckets) {
        return create(keyColumns, eventTimeColumn, schema, granularity, buckets, AutoCompaction.defaults());
    }

    /** As {@link #create(List, String, StructType, SegmentGranularity, int)}, with the table's setting for compaction after writes. */
    public static TableDefinition create(List<String> keyColumns, String eventTimeColumn, StructType schema,
                                         SegmentGranularity granularity, int buckets, AutoCompaction autoCompaction) {
        if (keyColumns.isEmpty()) {
            throw new InvalidOptionException("Option '" + KEY_COLUMNS + "' must name at least one column");
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
        return new TableDefinition(FORMAT_VERSION, keyColumns, eventTimeColumn, schema, Objects.requireNonNull(granularity), buckets,
                autoCompaction);
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
        return new TableDefinition(LEGACY_FORMAT, List.of(TableSchema.KEY_COLUMN), TableSchema.EVENT_TIME_COLUMN, new StructType(fields),
                null, 0, new AutoCompaction(false, AutoCompaction.DEFAULT_MAX_RUNS));
    }

    private static boolean isKeyType(DataType type) {
        return type instanceof DecimalType
                || (type instanceof PrimitiveType p && p != PrimitiveType.FLOAT && p != PrimitiveType.DOUBLE);
    }

    /** Whether the table's snapshots are roots that name manifests (format version 3) rather than listing every file. */
    public boolean usesManifests() {
        return formatVersion == MANIFEST_FORMAT;
    }

    /** The same table in another format version (2 or 3): an upgrade of its metadata, which leaves its data files as they are. */
    public TableDefinition withFormatVersion(int version) {
        if (isLegacy() || version == LEGACY_FORMAT) {
            throw new IllegalArgumentException("azof 0.2.1 tables are upgraded to a new table, not in place");
        }
        return new TableDefinition(version, keyColumns, eventTimeColumn, schema, granularity, buckets, autoCompaction, coverage);
    }

    /** Whether azof 0.2.1 wrote the table: such tables are read, never changed. */
    public boolean isLegacy() {
        return formatVersion == LEGACY_FORMAT;
    }

    /**
     * The one refusal of changes to azof 0.2.1 tables, which this project reads but never writes.
     *
     * @param operation what was refused, as users name it, e.g. {@code "append"} or {@code "expireVersions"}
     * @throws LegacyTableException when the table is azof 0.2.1's
     */
    public void requireWritable(String tableLocation, String operation) {
        if (isLegacy()) {
            throw LegacyTableException.readOnly(tableLocation, operation);
        }
    }

    /**
     * The table's settings by name ({@value #KEY_COLUMNS}, {@value #EVENT_TIME_COLUMN}, {@value #SEGMENT_GRANULARITY},
     * {@value #BUCKETS}, {@value #AUTO_COMPACT}, {@value #AUTO_COMPACT_MAX_RUNS}, and for tables that record coverage
     * {@value #COVERAGE_GRANULARITY} and {@value #OVERLAP_POLICY}), as text; azof 0.2.1 tables have neither a granularity nor
     * buckets nor compaction and report none of them.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(KEY_COLUMNS, String.join(",", keyColumns));
        properties.put(EVENT_TIME_COLUMN, eventTimeColumn);
        if (!isLegacy()) {
            properties.put(SEGMENT_GRANULARITY, granularity.jsonName());
            properties.put(BUCKETS, Integer.toString(buckets));
            properties.put(AUTO_COMPACT, Boolean.toString(autoCompaction.enabled()));
            properties.put(AUTO_COMPACT_MAX_RUNS, Integer.toString(autoCompaction.maxRuns()));
            // Time-series settings are reported once set: most tables have none.
            if (coverage.recordsCoverage()) {
                properties.put(COVERAGE_GRANULARITY, coverage.granularity().text());
                properties.put(OVERLAP_POLICY, coverage.overlapPolicy().text());
            }
        }
        return Collections.unmodifiableMap(properties);
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

    /** A key's values as users write them: {@code (ticker=ACME, day=2024-01-01)}. */
    public String describeKey(Object[] key) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < key.length; i++) {
            String column = keyColumns.get(i);
            text.append(i == 0 ? "" : ", ").append(column).append('=').append(ValueText.of(schema.field(column).orElseThrow().type(), key[i]));
        }
        return text.append(')').toString();
    }

    /** The same table with another schema (a schema change). */
    public TableDefinition withSchema(StructType newSchema) {
        return new TableDefinition(formatVersion, keyColumns, eventTimeColumn, newSchema, granularity, buckets, autoCompaction, coverage);
    }

    /** The same table with another setting for compaction after writes. */
    public TableDefinition withAutoCompaction(AutoCompaction setting) {
        return new TableDefinition(formatVersion, keyColumns, eventTimeColumn, schema, granularity, buckets, setting, coverage);
    }

    /** The same table with other time-series settings. */
    public TableDefinition withCoverage(CoverageSettings settings) {
        return new TableDefinition(formatVersion, keyColumns, eventTimeColumn, schema, granularity, buckets, autoCompaction, settings);
    }

    /** The same table with the changeable settings of {@code latest}: what a write carries over when it commits on top of it. */
    public TableDefinition withSettingsOf(TableDefinition latest) {
        return withAutoCompaction(latest.autoCompaction).withCoverage(latest.coverage);
    }

    /**
     * Whether {@code other} stores and reads records as this one does: the same layout and schema, whatever their
     * changeable settings. Files written under one are files of the other.
     */
    public boolean sameData(TableDefinition other) {
        // Data files carry coverage files counted in the table's granularity, so a write is bound to the granularity it read.
        return sameLayout(other) && schema.equals(other.schema)
                && Objects.equals(coverage.granularity(), other.coverage.granularity());
    }

    /**
     * Whether {@code other} has the same key, event-time column and layout, whatever its schema. Format versions 2 and 3
     * lay out data files alike (they differ in how snapshots list them), so only azof 0.2.1's differs.
     */
    public boolean sameLayout(TableDefinition other) {
        return isLegacy() == other.isLegacy() && keyColumns.equals(other.keyColumns) && eventTimeColumn.equals(other.eventTimeColumn)
                && granularity == other.granularity && buckets == other.buckets;
    }
}
