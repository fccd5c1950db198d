package io.azof.core.types;

/** The types without parameters; each is named in JSON by its {@link #jsonName()}, as Spark names it. */
public enum PrimitiveType implements DataType {
    STRING("string"),
    BINARY("binary"),
    BOOLEAN("boolean"),
    BYTE("byte"),
    SHORT("short"),
    INTEGER("integer"),
    LONG("long"),
    FLOAT("float"),
    DOUBLE("double"),
    DATE("date"),
    TIMESTAMP("timestamp");

    private final String jsonName;

    PrimitiveType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Returns the type Spark's JSON names {@code name}, or null when there is none. */
    public static PrimitiveType fromJsonName(String name) {
        for (PrimitiveType type : values()) {
            if (type.jsonName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
