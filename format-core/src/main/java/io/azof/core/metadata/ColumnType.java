package io.azof.core.metadata;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Payload column types of azof 0.2.1 snapshots, with the names its JSON uses. */
public enum ColumnType {
    STRING("String"),
    INT("Int"),
    BOOLEAN("Boolean"),
    DATE_TIME("DateTime");

    private final String jsonName;

    ColumnType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Returns the type for a JSON name, or null when there is none. */
    public static ColumnType fromJsonName(String name) {
        for (ColumnType type : values()) {
            if (type.jsonName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    public static String jsonNames() {
        return Arrays.stream(values()).map(ColumnType::jsonName).collect(Collectors.joining(", "));
    }
}
