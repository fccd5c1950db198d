package io.azof.core.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.exceptions.InvalidMetadataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link DataType}s in exactly Apache Spark's DataType JSON format, so a schema from
 * Spark's {@code StructType.json()} parses here and Spark's {@code DataType.fromJson} accepts what
 * {@link #toJson} writes (byte for byte what Spark itself would write, for the same schema):
 * <ul>
 *   <li>primitives are JSON strings: {@code "string"}, {@code "binary"}, {@code "boolean"}, {@code "byte"},
 *       {@code "short"}, {@code "integer"}, {@code "long"}, {@code "float"}, {@code "double"},
 *       {@code "date"}, {@code "timestamp"}; decimals are {@code "decimal(10,2)"};</li>
 *   <li>{@code {"type":"struct","fields":[{"name":..,"type":..,"nullable":..,"metadata":{}}]}};</li>
 *   <li>{@code {"type":"array","elementType":..,"containsNull":..}};</li>
 *   <li>{@code {"type":"map","keyType":..,"valueType":..,"valueContainsNull":..}}.</li>
 * </ul>
 *
 * <p>Those are the supported types. Every other Spark type ({@code timestamp_ntz}, {@code void}, the
 * intervals, {@code char(n)}, {@code varchar(n)}, user-defined types) is refused by name rather than
 * mapped to something close, because a silently changed type would change values. As in Spark, a field
 * without {@code nullable} is nullable and {@code metadata} may be absent; field metadata (comments,
 * Spark's char/varchar markers) is not part of azof's model, so it is dropped on parse and written as
 * {@code {}}.
 *
 * <p>Parsing walks the tree by hand so that every error names the source and the JSON path of the bad
 * element, e.g. {@code fields[2].type.elementType}.
 */
public final class SchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Spark's own pattern (DataType.FIXED_DECIMAL), so the same spellings are accepted.
    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");
    private static final String SUPPORTED = Arrays.stream(PrimitiveType.values()).map(PrimitiveType::jsonName)
            .collect(Collectors.joining(", ")) + ", decimal(p,s), struct, array, map";

    private SchemaJson() {
    }

    /** Spark's compact JSON for {@code type}. */
    public static String toJson(DataType type) {
        try {
            return MAPPER.writeValueAsString(toJsonNode(type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a schema tree", e);
        }
    }

    /** Spark's JSON for {@code type} as a tree, for embedding in other metadata documents. */
    public static JsonNode toJsonNode(DataType type) {
        if (type instanceof PrimitiveType primitive) {
            return NODES.textNode(primitive.jsonName());
        }
        if (type instanceof DecimalType decimal) {
            return NODES.textNode(decimal.toString());
        }
        if (type instanceof StructType struct) {
            ObjectNode node = NODES.objectNode().put("type", "struct");
            var fields = node.putArray("fields");
            for (StructField field : struct.fields()) {
                ObjectNode fieldNode = fields.addObject().put("name", field.name());
                fieldNode.set("type", toJsonNode(field.type()));
                fieldNode.put("nullable", field.nullable());
                fieldNode.putObject("metadata");
            }
            return node;
        }
        if (type instanceof ArrayType array) {
            ObjectNode node = NODES.objectNode().put("type", "array");
            node.set("elementType", toJsonNode(array.elementType()));
            return node.put("containsNull", array.containsNull());
        }
        MapType map = (MapType) type;
        ObjectNode node = NODES.objectNode().put("type", "map");
        node.set("keyType", toJsonNode(map.keyType()));
        node.set("valueType", toJsonNode(map.valueType()));
        return node.put("valueContainsNull", map.valueContainsNull());
    }

    /**
     * Parses Spark's JSON for a data type.
     *
     * @param context names the source (a file name, a field of a metadata file) in every error message
     * @throws InvalidMetadataException naming {@code context} and the JSON path of the bad element
     */
    public static DataType parse(String context, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMetadataException("Schema in " + context + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidMetadataException("Schema in " + context + " is empty");
        }
        return parse(context, root);
    }

    /** Parses Spark's JSON for a data type from an already parsed tree; errors as {@link #parse(String, String)}. */
    public static DataType parse(String context, JsonNode node) {
        return new Parser(context).type(node, "");
    }

    /**
     * Parses a schema that must be a struct, such as a table's.
     *
     * @throws InvalidMetadataException also when the JSON is a valid type but not a struct
     */
    public static StructType parseStruct(String context, String json) {
        DataType type = parse(context, json);
        if (type instanceof StructType struct) {
            return struct;
        }
        throw new InvalidMetadataException("Schema in " + context + " must be a struct, but is " + type);
    }

    private record Parser(String context) {

        DataType type(JsonNode node, String path) {
            if (node.isTextual()) {
                return named(node.textValue(), path);
            }
            if (!node.isObject()) {
                throw error(path, "a type must be a JSON string or object, found " + node.getNodeType());
            }
            String typeName = text(required(node, path, "type"), child(path, "type"));
            return switch (typeName) {
                case "struct" -> struct(node, path);
                case "array" -> new ArrayType(
                        type(required(node, path, "elementType"), child(path, "elementType")),
                        bool(required(node, path, "containsNull"), child(path, "containsNull")));
                case "map" -> new MapType(
                        type(required(node, path, "keyType"), child(path, "keyType")),
                        type(required(node, path, "valueType"), child(path, "valueType")),
                        bool(required(node, path, "valueContainsNull"), child(path, "valueContainsNull")));
                default -> throw unsupported(path, typeName);
            };
        }

        private DataType named(String name, String path) {
            PrimitiveType primitive = PrimitiveType.fromJsonName(name);
            if (primitive != null) {
                return primitive;
            }
            if (name.equals("decimal")) {
                // Spark's spelling of its default decimal, DecimalType.USER_DEFAULT.
                return new DecimalType(10, 0);
            }
            Matcher decimal = DECIMAL.matcher(name);
            if (decimal.matches()) {
                try {
                    return new DecimalType(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
                } catch (IllegalArgumentException e) {
                    throw error(path, "'" + name + "' is not a valid decimal: " + e.getMessage());
                }
            }
            throw unsupported(path, name);
        }

        private StructType struct(JsonNode node, String path) {
            String fieldsPath = child(path, "fields");
            JsonNode fieldsNode = required(node, path, "fields");
            if (!fieldsNode.isArray()) {
                throw error(fieldsPath, "must be an array");
            }
            List<StructField> fields = new ArrayList<>();
            for (int i = 0; i < fieldsNode.size(); i++) {
                String fieldPath = fieldsPath + "[" + i + "]";
                JsonNode field = fieldsNode.get(i);
                if (!field.isObject()) {
                    throw error(fieldPath, "a struct field must be a JSON object");
                }
                String name = text(required(field, fieldPath, "name"), child(fieldPath, "name"));
                DataType type = type(required(field, fieldPath, "type"), child(fieldPath, "type"));
                JsonNode nullable = field.get("nullable");
                boolean isNullable = nullable == null || bool(nullable, child(fieldPath, "nullable"));
                if (fields.stream().anyMatch(f -> f.name().equals(name))) {
                    throw error(child(fieldPath, "name"), "duplicate field name '" + name + "'");
                }
                fields.add(new StructField(name, type, isNullable));
            }
            return new StructType(fields);
        }

        private JsonNode required(JsonNode node, String path, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(child(path, field), "is required but missing");
            }
            return value;
        }

        private String text(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw error(path, "must be a string, found " + node.getNodeType());
            }
            return node.textValue();
        }

        private boolean bool(JsonNode node, String path) {
            if (!node.isBoolean()) {
                throw error(path, "must be true or false, found " + node);
            }
            return node.booleanValue();
        }

        private static String child(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private InvalidMetadataException unsupported(String path, String typeName) {
            return error(path, "type '" + typeName + "' is not supported by azof (supported: " + SUPPORTED + ")");
        }

        private InvalidMetadataException error(String path, String detail) {
            String where = path.isEmpty() ? "the root" : path;
            return new InvalidMetadataException("Schema in " + context + " is invalid at " + where + ": " + detail);
        }
    }
}
