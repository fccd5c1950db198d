package io.azof.core.types;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders values of the {@link DataType} representation as canonical text that names every boxed class,
 * so comparing renderings is deep equality (byte[] by content, BigDecimal with its scale, Integer 5 unequal
 * to Long 5, map entries in order) and a failed comparison shows a readable diff.
 */
public final class DeepValues {
    private DeepValues() {
    }

    public static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Object[] struct) {
            return Stream.of(struct).map(DeepValues::render).collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeepValues::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> render(e.getKey()) + "=" + render(e.getValue()))
                    .collect(Collectors.joining(", ", "map(", ")"));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString() + "bd";
        }
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        return value + ":" + value.getClass().getSimpleName();
    }

    public static String renderRows(List<Object[]> rows) {
        return rows.stream().map(DeepValues::render).collect(Collectors.joining("\n"));
    }
}
