package io.azof.core.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.CoverageSettings;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.time.Micros;
import io.azof.core.types.SchemaJson;
import io.azof.core.types.StructType;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Reads and writes snapshot files in the azof 0.2.1 JSON layout.
 *
 * <p>Parsing walks the JSON tree by hand rather than binding to classes so that every error can name
 * the file and the exact field path ({@code segments[3].delta[0].start}).
 */
public final class SnapshotJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** azof 0.2.1 writes milliseconds with a literal Z; kept for files this project writes in that layout. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private static final DateTimeFormatter MICROS_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private SnapshotJson() {
    }

    /**
     * Parses a snapshot that must be readable: the stub of an expired version is an error here (readers of
     * a table go through {@link #parseFile} and report expiry with the versions retained).
     *
     * @param fileName named in every error message
     */
    public static Snapshot parse(String fileName, long version, String json) {
        SnapshotFile file = parseFile(fileName, version, json);
        if (file instanceof ExpiredSnapshot) {
            throw new InvalidMetadataException("Snapshot file " + fileName + " is the stub of expired version " + version
                    + ": it keeps the commit record only, not the table");
        }
        return (Snapshot) file;
    }

    /**
     * Parses a snapshot file: a whole snapshot, or the stub expiry left in place of one.
     *
     * @param fileName named in every error message
     */
    public static SnapshotFile parseFile(String fileName, long version, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMetadataException("Snapshot file " + fileName + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMetadataException("Snapshot file " + fileName + " must hold a JSON object");
        }
        JsonNode formatVersion = root.get("format_version");
        if (formatVersion == null) {
            Parser parser = new Parser(fileName, null);
            TableSchema schema = parser.schema(parser.required(root, "", "schema"));
            List<Segment> segments = parser.segments(parser.required(root, "", "segments"), "segments");
            return new Snapshot(version, schema, segments);
        }
        if (!formatVersion.canConvertToInt() || (formatVersion.intValue() != TableDefinition.LISTING_FORMAT
                && formatVersion.intValue() != TableDefinition.MANIFEST_FORMAT)) {
            throw new InvalidMetadataException("Snapshot file " + fileName + " has format_version " + formatVersion
                    + "; this azof reads format versions " + TableDefinition.LEGACY_FORMAT + " (azof 0.2.1), " + TableDefinition.LISTING_FORMAT
                    + " and " + TableDefinition.MANIFEST_FORMAT + ": a newer azof wrote it, so read it with that");
        }
        Parser bare = new Parser(fileName, null);
        JsonNode recordedVersion = bare.required(root, "", "version");
        if (!recordedVersion.canConvertToLong() || recordedVersion.longValue() != version) {
            throw bare.error("field version is " + recordedVersion + " but the file name says " + version);
        }
        JsonNode expired = Parser.optional(root, "expired");
        if (expired != null && !expired.isBoolean()) {
            throw bare.error("field expired must be true or false");
        }
        if (expired != null && expired.booleanValue()) {
            return new ExpiredSnapshot(bare.commitRecord(root, version));
        }
        TableDefinition table = parseTable(fileName, root, formatVersion.intValue());
        Parser parser = new Parser(fileName, table.keySchema());
        if (table.usesManifests()) {
            CommitInfo commit = parser.commit(root, version, true);
            JsonNode groups = Parser.optional(root, "groups");
            return groups == null ? new SnapshotRoot(version, table, commit, parser.segmentRefs(parser.required(root, "", "segments")))
                    : new SnapshotRoot(version, table, commit, null, parser.segmentGroups(groups));
        }
        List<Segment> segments = parser.segments(parser.required(root, "", "segments"), "segments");
        return new Snapshot(version, table, segments, parser.commit(root, version, false));
    }

    private static TableDefinition parseTable(String fileName, JsonNode root, int formatVersion) {
        Parser bare = new Parser(fileName, null);
        JsonNode tableNode = bare.object(bare.required(root, "", "table"), "table");
        List<String> keyColumns = new ArrayList<>();
        JsonNode keys = bare.array(bare.required(tableNode, "table", "key_columns"), "table.key_columns");
        for (int i = 0; i < keys.size(); i++) {
            keyColumns.add(bare.text(keys.get(i), "table.key_columns[" + i + "]"));
        }
        String eventTime = bare.text(bare.required(tableNode, "table", "event_time_column"), "table.event_time_column");
        StructType schema;
        try {
            schema = (StructType) SchemaJson.parse(fileName + " field table.schema", bare.required(tableNode, "table", "schema"));
        } catch (ClassCastException e) {
            throw bare.error("field table.schema must be a struct");
        }
        String granularityName = bare.text(bare.required(tableNode, "table", "segment_granularity"), "table.segment_granularity");
        SegmentGranularity granularity;
        try {
            granularity = SegmentGranularity.valueOf(granularityName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bare.error("field table.segment_granularity has unknown value '" + granularityName + "'");
        }
        int buckets = (int) bare.number(bare.required(tableNode, "table", "buckets"), "table.buckets");
        // Absent from snapshots written before the setting existed: those tables have the default.
        JsonNode autoCompactNode = Parser.optional(tableNode, "auto_compact");
        Boolean enabled = null;
        long maxRuns = AutoCompaction.DEFAULT_MAX_RUNS;
        if (autoCompactNode != null) {
            JsonNode enabledNode = bare.required(bare.object(autoCompactNode, "table.auto_compact"), "table.auto_compact", "enabled");
            if (!enabledNode.isBoolean()) {
                throw bare.error("field table.auto_compact.enabled must be true or false");
            }
            enabled = enabledNode.booleanValue();
            maxRuns = bare.number(bare.required(autoCompactNode, "table.auto_compact", "max_runs"), "table.auto_compact.max_runs");
        }
        // Absent from tables that keep no coverage and allow overlaps.
        JsonNode coverageNode = Parser.optional(tableNode, "coverage");
        CoverageSettings coverage = CoverageSettings.NONE;
        if (coverageNode != null) {
            bare.object(coverageNode, "table.coverage");
            JsonNode granularityNode = Parser.optional(coverageNode, "granularity");
            JsonNode policyNode = bare.required(coverageNode, "table.coverage", "overlap_policy");
            try {
                coverage = new CoverageSettings(
                        granularityNode == null ? null : CoverageGranularity.parse(bare.text(granularityNode, "table.coverage.granularity")),
                        OverlapPolicy.parse(OverlapPolicy.PROPERTY, bare.text(policyNode, "table.coverage.overlap_policy")));
            } catch (InvalidOptionException e) {
                throw bare.error("field table.coverage is invalid: " + e.getMessage());
            }
        }
        TableDefinition table;
        try {
            // Absent from snapshots written before the setting existed: those tables have the default.
            AutoCompaction autoCompaction = enabled == null ? AutoCompaction.defaults() : new AutoCompaction(enabled, Math.toIntExact(maxRuns));
            table = TableDefinition.create(keyColumns, eventTime, schema, granularity, buckets, autoCompaction).withFormatVersion(formatVersion)
                    .withCoverage(coverage);
        } catch (RuntimeException e) {
            throw bare.error("field table is inconsistent: " + e.getMessage());
        }
        return table;
    }

    /** Serialises a snapshot in its own format version (2 or azof 0.2.1's; format version 3 snapshots are roots). */
    public static String write(Snapshot snapshot) {
        if (snapshot.isLegacy()) {
            return writeLegacy(snapshot);
        }
        if (snapshot.table().usesManifests()) {
            throw new IllegalArgumentException("a format version 3 snapshot is written as its root and manifests");
        }
        ObjectNode root = header(snapshot.version(), snapshot.table(), snapshot.commit());
        ArrayNode segments = root.putArray("segments");
        StructType keySchema = snapshot.table().keySchema();
        snapshot.segments().forEach(segment -> writeSegment(segments.addObject(), segment, keySchema));
        return serialise(root);
    }

    /**
     * Serialises a format version 3 root: the table, the commit with each writer's highest sequence, and per segment its
     * parts, each with its manifest and summary; or, for a root with groups, the groups that list those.
     */
    public static String writeRoot(SnapshotRoot snapshot) {
        ObjectNode root = header(snapshot.version(), snapshot.table(), snapshot.commit());
        if (snapshot.groups().isEmpty()) {
            writeSegmentRefs(root, snapshot.segments(), snapshot.table().keySchema());
        } else {
            ArrayNode groups = root.putArray("groups");
            for (SegmentGroup group : snapshot.groups()) {
                groups.addObject().put("file", group.file()).put("segments", group.segments()).put("parts", group.parts());
            }
        }
        return serialise(root);
    }

    /** Per segment its range and parts, each with its manifest and summary: in a root or in a segment group's file. */
    static void writeSegmentRefs(ObjectNode root, List<SegmentRef> segmentRefs, StructType keySchema) {
        ArrayNode segments = root.putArray("segments");
        for (SegmentRef segment : segmentRefs) {
            ObjectNode node = segments.addObject();
            node.put("id", segment.id());
            node.put("start", segment.startMicros());
            if (segment.endMicros() != null) {
                node.put("end", segment.endMicros());
            }
            ArrayNode parts = node.putArray("parts");
            for (PartRef part : segment.parts()) {
                ObjectNode entry = parts.addObject().put("manifest", part.manifest()).put("files", part.files()).put("bases", part.bases());
                writeStats(entry, part.summary(), keySchema, true);
            }
        }
    }

    /** What format version 2 snapshots and version 3 roots share: the version, the commit and the table. */
    private static ObjectNode header(long version, TableDefinition table, CommitInfo commit) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", table.formatVersion());
        root.put("version", version);
        CommitRecord record = CommitRecord.of(version, commit);
        writeCommitRecord(root, record);
        if (table.usesManifests()) {
            ObjectNode writers = root.putObject("writers");
            commit.writers().forEach(writers::put);
        }
        ArrayNode writeIds = root.putArray("write_ids");
        commit.writeIds().forEach(writeIds::add);
        ObjectNode tableNode = root.putObject("table");
        ArrayNode keys = tableNode.putArray("key_columns");
        table.keyColumns().forEach(keys::add);
        tableNode.put("event_time_column", table.eventTimeColumn());
        tableNode.set("schema", SchemaJson.toJsonNode(table.schema()));
        tableNode.put("segment_granularity", table.granularity().jsonName());
        tableNode.put("buckets", table.buckets());
        ObjectNode autoCompact = tableNode.putObject("auto_compact");
        autoCompact.put("enabled", table.autoCompaction().enabled());
        autoCompact.put("max_runs", table.autoCompaction().maxRuns());
        if (!table.coverage().equals(CoverageSettings.NONE)) {
            ObjectNode coverage = tableNode.putObject("coverage");
            if (table.coverage().recordsCoverage()) {
                coverage.put("granularity", table.coverage().granularity().text());
            }
            coverage.put("overlap_policy", table.coverage().overlapPolicy().text());
        }
        writeSummary(root, record);
        return root;
    }

    /**
     * Serialises the stub of an expired version: the commit record of its snapshot without the table, the
     * write ids or the segments, marked {@code "expired": true} (SPEC section 6.10).
     */
    public static String writeExpired(ExpiredSnapshot stub) {
        ObjectNode root = MAPPER.createObjectNode();
        CommitRecord commit = stub.commit();
        // Stubs are alike in format versions 2 and 3; 2 keeps the stubs of a format version 2 table readable by readers of 2.
        root.put("format_version", TableDefinition.LISTING_FORMAT);
        root.put("version", commit.version());
        root.put("expired", true);
        writeCommitRecord(root, commit);
        writeSummary(root, commit);
        return serialise(root);
    }

    private static void writeCommitRecord(ObjectNode root, CommitRecord commit) {
        root.put("committed_at", TIMESTAMP.format(java.time.Instant.ofEpochMilli(commit.committedAtMillis())));
        root.put("operation", commit.operation());
        if (commit.writeId() != null) {
            root.put("write_id", commit.writeId());
        }
    }

    private static void writeSummary(ObjectNode root, CommitRecord commit) {
        ObjectNode summary = root.putObject("summary");
        summary.put("rows_added", commit.rowsAdded());
        summary.put("files_added", commit.filesAdded());
        summary.put("rows_removed", commit.rowsRemoved());
        summary.put("files_removed", commit.filesRemoved());
        if (commit.rowsDropped() > 0) {
            summary.put("rows_dropped", commit.rowsDropped());
        }
    }

    private static String serialise(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot", e);
        }
    }

    private static String writeLegacy(Snapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode columns = root.putObject("schema").putArray("columns");
        for (Column column : snapshot.schema().columns()) {
            columns.addObject()
                    .put("name", column.name())
                    .put("data_type", column.type().jsonName())
                    .put("nullable", column.nullable());
        }
        ArrayNode segments = root.putArray("segments");
        snapshot.segments().forEach(segment -> writeSegment(segments.addObject(), segment, null));
        return serialise(root);
    }

    /** Format version 2 keeps microseconds. */
    public static String formatMicros(long epochMicros) {
        return MICROS_TIMESTAMP.format(Micros.toInstant(epochMicros));
    }

    public static String formatTimestamp(long epochMicros) {
        return TIMESTAMP.format(Micros.toInstant(epochMicros).truncatedTo(ChronoUnit.MILLIS));
    }

    /** @param keySchema null for azof 0.2.1 snapshots, which have millisecond times and no statistics */
    private static void writeSegment(ObjectNode node, Segment segment, StructType keySchema) {
        LongFunction<String> time = keySchema == null ? SnapshotJson::formatTimestamp : SnapshotJson::formatMicros;
        node.put("id", segment.id());
        node.put("start", time.apply(segment.startMicros()));
        if (segment.endMicros() != null) {
            node.put("end", time.apply(segment.endMicros()));
        }
        if (segment.baseFile() != null) {
            node.put("file", segment.baseFile());
        }
        if (!segment.deltas().isEmpty()) {
            ArrayNode deltas = node.putArray("delta");
            for (DeltaFile delta : segment.deltas()) {
                ObjectNode entry = deltas.addObject()
                        .put("file", delta.file())
                        .put("start", time.apply(delta.startMicros()))
                        .put("end", time.apply(delta.endMicros()));
                if (delta.stats() != null) {
                    writeStats(entry, delta.stats(), keySchema);
                }
            }
        }
        if (!segment.bases().isEmpty()) {
            ArrayNode bases = node.putArray("bases");
            for (BaseFile base : segment.bases()) {
                ObjectNode entry = bases.addObject().put("file", base.file());
                writeStats(entry, base.stats(), keySchema);
                entry.put("covers_version", base.coversVersion());
            }
        }
        if (!segment.children().isEmpty()) {
            ArrayNode children = node.putArray("segments");
            segment.children().forEach(child -> writeSegment(children.addObject(), child, keySchema));
        }
    }

    private static void writeStats(ObjectNode entry, FileStats stats, StructType keySchema) {
        writeStats(entry, stats, keySchema, false);
    }

    /** @param micros event times as whole microseconds (manifests) rather than RFC 3339 text */
    static void writeStats(ObjectNode entry, FileStats stats, StructType keySchema, boolean micros) {
        entry.put("bucket", stats.bucket());
        entry.put("rows", stats.rows());
        entry.put("bytes", stats.bytes());
        entry.set("min_key", KeyValuesJson.write(keySchema, stats.minKey()));
        entry.set("max_key", KeyValuesJson.write(keySchema, stats.maxKey()));
        if (micros) {
            entry.put("min_event_time", stats.minEventTimeMicros());
            entry.put("max_event_time", stats.maxEventTimeMicros());
        } else {
            entry.put("min_event_time", formatMicros(stats.minEventTimeMicros()));
            entry.put("max_event_time", formatMicros(stats.maxEventTimeMicros()));
        }
        entry.put("deletes", stats.deletes());
        entry.put("added_version", stats.addedVersion());
    }

    /** @param keySchema null while parsing azof 0.2.1 snapshots, whose files carry no statistics */
    /** @param kind what the file is, as errors name it: "Snapshot file" or "Manifest" */
    record Parser(String kind, String fileName, StructType keySchema) {
        Parser(String fileName, StructType keySchema) {
            this("Snapshot file", fileName, keySchema);
        }

        /** @param writers format version 3, which keeps each writer's highest sequence and only the latest free-form ids */
        CommitInfo commit(JsonNode root, long version, boolean writers) {
            CommitRecord record = commitRecord(root, version);
            List<String> writeIds = new ArrayList<>();
            Map<String, Long> sequences = new LinkedHashMap<>();
            if (writers) {
                JsonNode node = object(required(root, "", "writers"), "writers");
                node.fields().forEachRemaining(writer -> sequences.put(writer.getKey(), number(writer.getValue(), "writers." + writer.getKey())));
            }
            JsonNode ids = array(required(root, "", "write_ids"), "write_ids");
            for (int i = 0; i < ids.size(); i++) {
                writeIds.add(text(ids.get(i), "write_ids[" + i + "]"));
            }
            return new CommitInfo(record.committedAtMillis(), record.operation(), record.writeId(), writeIds, sequences,
                    record.rowsAdded(), record.filesAdded(), record.rowsRemoved(), record.filesRemoved(), record.rowsDropped());
        }

        List<SegmentGroup> segmentGroups(JsonNode node) {
            JsonNode array = array(node, "groups");
            if (array.isEmpty()) {
                throw error("field groups is empty; a root without segments lists an empty segments array instead");
            }
            List<SegmentGroup> groups = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                String path = "groups[" + i + "]";
                JsonNode group = object(array.get(i), path);
                long segments = number(required(group, path, "segments"), path + ".segments");
                if (segments < 1) {
                    throw error("field " + path + ".segments must be at least 1, got " + segments);
                }
                groups.add(new SegmentGroup(text(required(group, path, "file"), path + ".file"), (int) segments,
                        (int) number(required(group, path, "parts"), path + ".parts")));
            }
            return groups;
        }

        List<SegmentRef> segmentRefs(JsonNode node) {
            JsonNode array = array(node, "segments");
            List<SegmentRef> segments = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                String path = "segments[" + i + "]";
                JsonNode segment = object(array.get(i), path);
                String id = text(required(segment, path, "id"), path + ".id");
                long start = number(required(segment, path, "start"), path + ".start");
                Long end = optional(segment, "end") == null ? null : number(segment.get("end"), path + ".end");
                JsonNode partsNode = array(required(segment, path, "parts"), path + ".parts");
                List<PartRef> parts = new ArrayList<>();
                for (int p = 0; p < partsNode.size(); p++) {
                    String partPath = path + ".parts[" + p + "]";
                    JsonNode part = object(partsNode.get(p), partPath);
                    parts.add(new PartRef(text(required(part, partPath, "manifest"), partPath + ".manifest"),
                            (int) number(required(part, partPath, "files"), partPath + ".files"),
                            (int) number(required(part, partPath, "bases"), partPath + ".bases"),
                            stats(part, partPath, true)));
                }
                segments.add(new SegmentRef(id, start, end, parts));
            }
            return segments;
        }

        /** The fields a snapshot and the stub of an expired one share. */
        CommitRecord commitRecord(JsonNode root, long version) {
            String committedAt = text(required(root, "", "committed_at"), "committed_at");
            long committedAtMillis;
            try {
                committedAtMillis = java.time.OffsetDateTime.parse(committedAt).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw error("field committed_at is not an RFC 3339 timestamp: '" + committedAt + "'");
            }
            String operation = text(required(root, "", "operation"), "operation");
            String writeId = optional(root, "write_id") == null ? null : text(root.get("write_id"), "write_id");
            JsonNode summary = object(required(root, "", "summary"), "summary");
            return new CommitRecord(version, committedAtMillis, operation, writeId,
                    number(required(summary, "summary", "rows_added"), "summary.rows_added"),
                    number(required(summary, "summary", "files_added"), "summary.files_added"),
                    number(required(summary, "summary", "rows_removed"), "summary.rows_removed"),
                    number(required(summary, "summary", "files_removed"), "summary.files_removed"),
                    // Written only by appends that dropped rows for overlapping (section 6.15).
                    optional(summary, "rows_dropped") == null ? 0 : number(summary.get("rows_dropped"), "summary.rows_dropped"));
        }

        long number(JsonNode node, String path) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw error("field " + path + " must be a whole number");
            }
            return node.longValue();
        }

        FileStats stats(JsonNode delta, String path) {
            return stats(delta, path, false);
        }

        /** @param micros event times as whole microseconds (manifests, parsed by the thousand) rather than RFC 3339 text */
        FileStats stats(JsonNode delta, String path, boolean micros) {
            if (keySchema == null) {
                return null;
            }
            Object[] minKey = KeyValuesJson.read(keySchema, required(delta, path, "min_key"));
            Object[] maxKey = KeyValuesJson.read(keySchema, required(delta, path, "max_key"));
            if (minKey == null || maxKey == null) {
                throw error("field " + path + (minKey == null ? ".min_key" : ".max_key")
                        + " does not hold one value per key column " + keySchema.fieldNames());
            }
            return new FileStats(
                    (int) number(required(delta, path, "bucket"), path + ".bucket"),
                    number(required(delta, path, "rows"), path + ".rows"),
                    number(required(delta, path, "bytes"), path + ".bytes"),
                    minKey,
                    maxKey,
                    micros ? number(required(delta, path, "min_event_time"), path + ".min_event_time")
                            : timestamp(required(delta, path, "min_event_time"), path + ".min_event_time"),
                    micros ? number(required(delta, path, "max_event_time"), path + ".max_event_time")
                            : timestamp(required(delta, path, "max_event_time"), path + ".max_event_time"),
                    number(required(delta, path, "deletes"), path + ".deletes"),
                    number(required(delta, path, "added_version"), path + ".added_version"));
        }

        TableSchema schema(JsonNode node) {
            JsonNode columnsNode = array(required(node, "schema", "columns"), "schema.columns");
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < columnsNode.size(); i++) {
                String path = "schema.columns[" + i + "]";
                JsonNode column = object(columnsNode.get(i), path);
                String name = text(required(column, path, "name"), path + ".name");
                String typeName = text(required(column, path, "data_type"), path + ".data_type");
                ColumnType type = ColumnType.fromJsonName(typeName);
                if (type == null) {
                    throw error("field " + path + ".data_type has unknown type '" + typeName
                            + "' (expected one of " + ColumnType.jsonNames() + ")");
                }
                JsonNode nullable = required(column, path, "nullable");
                if (!nullable.isBoolean()) {
                    throw error("field " + path + ".nullable must be true or false");
                }
                if (name.equals(TableSchema.KEY_COLUMN) || name.equals(TableSchema.EVENT_TIME_COLUMN)) {
                    throw error("field " + path + ".name '" + name + "' is reserved for the key or event time");
                }
                columns.add(new Column(name, type, nullable.booleanValue()));
            }
            return new TableSchema(columns);
        }

        List<Segment> segments(JsonNode node, String path) {
            JsonNode array = array(node, path);
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                segments.add(segment(object(array.get(i), path + "[" + i + "]"), path + "[" + i + "]"));
            }
            return segments;
        }

        Segment segment(JsonNode node, String path) {
            String id = text(required(node, path, "id"), path + ".id");
            long start = timestamp(required(node, path, "start"), path + ".start");
            Long end = optional(node, "end") == null ? null : timestamp(node.get("end"), path + ".end");
            String file = optional(node, "file") == null ? null : text(node.get("file"), path + ".file");
            List<DeltaFile> deltas = new ArrayList<>();
            if (optional(node, "delta") != null) {
                JsonNode array = array(node.get("delta"), path + ".delta");
                for (int i = 0; i < array.size(); i++) {
                    String deltaPath = path + ".delta[" + i + "]";
                    JsonNode delta = object(array.get(i), deltaPath);
                    deltas.add(new DeltaFile(
                            text(required(delta, deltaPath, "file"), deltaPath + ".file"),
                            timestamp(required(delta, deltaPath, "start"), deltaPath + ".start"),
                            timestamp(required(delta, deltaPath, "end"), deltaPath + ".end"),
                            stats(delta, deltaPath)));
                }
            }
            List<BaseFile> bases = new ArrayList<>();
            if (optional(node, "bases") != null) {
                if (keySchema == null) {
                    throw error("field " + path + ".bases appears in an azof 0.2.1 snapshot, which has no per-bucket bases");
                }
                JsonNode array = array(node.get("bases"), path + ".bases");
                for (int i = 0; i < array.size(); i++) {
                    String basePath = path + ".bases[" + i + "]";
                    JsonNode base = object(array.get(i), basePath);
                    bases.add(new BaseFile(text(required(base, basePath, "file"), basePath + ".file"), stats(base, basePath),
                            number(required(base, basePath, "covers_version"), basePath + ".covers_version")));
                }
            }
            List<Segment> children = optional(node, "segments") == null
                    ? List.of()
                    : segments(node.get("segments"), path + ".segments");
            return new Segment(id, start, end, file, deltas, children, bases);
        }

        JsonNode required(JsonNode node, String parentPath, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                String path = parentPath.isEmpty() ? field : parentPath + "." + field;
                throw error("required field " + path + " is missing");
            }
            return value;
        }

        static JsonNode optional(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        JsonNode array(JsonNode node, String path) {
            if (!node.isArray()) {
                throw error("field " + path + " must be an array");
            }
            return node;
        }

        JsonNode object(JsonNode node, String path) {
            if (!node.isObject()) {
                throw error("field " + path + " must be an object");
            }
            return node;
        }

        String text(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw error("field " + path + " must be a string");
            }
            return node.textValue();
        }

        long timestamp(JsonNode node, String path) {
            String text = text(node, path);
            try {
                return Micros.of(java.time.OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                throw error("field " + path + " is not an RFC 3339 timestamp: '" + text + "'");
            }
        }

        InvalidMetadataException error(String detail) {
            return new InvalidMetadataException(kind + " " + fileName + ": " + detail);
        }
    }

}
