package io.azof.core.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.time.Micros;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    private SnapshotJson() {
    }

    /**
     * Parses a snapshot.
     *
     * @param fileName named in every error message
     */
    public static Snapshot parse(String fileName, long version, String json) {
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
        Parser parser = new Parser(fileName);
        TableSchema schema = parser.schema(parser.required(root, "", "schema"));
        List<Segment> segments = parser.segments(parser.required(root, "", "segments"), "segments");
        return new Snapshot(version, schema, segments);
    }

    /** Serialises a snapshot in the azof 0.2.1 layout (millisecond timestamps). */
    public static String write(Snapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode columns = root.putObject("schema").putArray("columns");
        for (Column column : snapshot.schema().columns()) {
            columns.addObject()
                    .put("name", column.name())
                    .put("data_type", column.type().jsonName())
                    .put("nullable", column.nullable());
        }
        ArrayNode segments = root.putArray("segments");
        snapshot.segments().forEach(segment -> writeSegment(segments.addObject(), segment));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot", e);
        }
    }

    public static String formatTimestamp(long epochMicros) {
        return TIMESTAMP.format(Micros.toInstant(epochMicros).truncatedTo(ChronoUnit.MILLIS));
    }

    private static void writeSegment(ObjectNode node, Segment segment) {
        node.put("id", segment.id());
        node.put("start", formatTimestamp(segment.startMicros()));
        if (segment.endMicros() != null) {
            node.put("end", formatTimestamp(segment.endMicros()));
        }
        if (segment.baseFile() != null) {
            node.put("file", segment.baseFile());
        }
        if (!segment.deltas().isEmpty()) {
            ArrayNode deltas = node.putArray("delta");
            for (DeltaFile delta : segment.deltas()) {
                deltas.addObject()
                        .put("file", delta.file())
                        .put("start", formatTimestamp(delta.startMicros()))
                        .put("end", formatTimestamp(delta.endMicros()));
            }
        }
        if (!segment.children().isEmpty()) {
            ArrayNode children = node.putArray("segments");
            segment.children().forEach(child -> writeSegment(children.addObject(), child));
        }
    }

    private record Parser(String fileName) {

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
                            timestamp(required(delta, deltaPath, "end"), deltaPath + ".end")));
                }
            }
            List<Segment> children = optional(node, "segments") == null
                    ? List.of()
                    : segments(node.get("segments"), path + ".segments");
            return new Segment(id, start, end, file, deltas, children);
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
            return new InvalidMetadataException("Snapshot file " + fileName + ": " + detail);
        }
    }

}
