package io.azof.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.azof.core.time.Micros;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * JSON form of key values in file statistics ({@code min_key}, {@code max_key}): one element per key
 * column; strings and booleans as themselves, integral numbers as numbers, decimals as strings (exact),
 * binaries as base64 strings, dates as {@code yyyy-MM-dd}, timestamps as RFC 3339 UTC with microseconds.
 */
final class KeyValuesJson {
    private KeyValuesJson() {
    }

    static ArrayNode write(StructType keySchema, Object[] key) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < key.length; i++) {
            DataType type = keySchema.field(i).type();
            Object value = key[i];
            if (type instanceof DecimalType) {
                array.add(((BigDecimal) value).toPlainString());
                continue;
            }
            switch ((PrimitiveType) type) {
                case STRING -> array.add((String) value);
                case BINARY -> array.add(Base64.getEncoder().encodeToString((byte[]) value));
                case BOOLEAN -> array.add((Boolean) value);
                case BYTE, SHORT, INTEGER, LONG -> array.add(((Number) value).longValue());
                case DATE -> array.add(LocalDate.ofEpochDay((Integer) value).toString());
                case TIMESTAMP -> array.add(SnapshotJson.formatMicros((Long) value));
                default -> throw new IllegalArgumentException("not a key type: " + type);
            }
        }
        return array;
    }

    /** Parses a key; returns null and lets the caller report when an element does not fit its column. */
    static Object[] read(StructType keySchema, JsonNode array) {
        if (!array.isArray() || array.size() != keySchema.size()) {
            return null;
        }
        Object[] key = new Object[array.size()];
        for (int i = 0; i < key.length; i++) {
            JsonNode node = array.get(i);
            DataType type = keySchema.field(i).type();
            try {
                key[i] = value(type, node);
            } catch (RuntimeException e) {
                return null;
            }
            if (key[i] == null) {
                return null;
            }
        }
        return key;
    }

    private static Object value(DataType type, JsonNode node) {
        if (type instanceof DecimalType decimal) {
            return node.isTextual() ? new BigDecimal(node.textValue()).setScale(decimal.scale()) : null;
        }
        return switch ((PrimitiveType) type) {
            case STRING -> node.isTextual() ? node.textValue() : null;
            case BINARY -> node.isTextual() ? Base64.getDecoder().decode(node.textValue()) : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case BYTE -> node.canConvertToInt() && node.isIntegralNumber() ? (byte) node.intValue() : null;
            case SHORT -> node.canConvertToInt() && node.isIntegralNumber() ? (short) node.intValue() : null;
            case INTEGER -> node.canConvertToInt() && node.isIntegralNumber() ? node.intValue() : null;
            case LONG -> node.canConvertToLong() && node.isIntegralNumber() ? node.longValue() : null;
            case DATE -> node.isTextual() ? (int) LocalDate.parse(node.textValue()).toEpochDay() : null;
            case TIMESTAMP -> node.isTextual() ? Micros.of(OffsetDateTime.parse(node.textValue()).toInstant()) : null;
            default -> null;
        };
    }
}
