package io.azof.core.types;

import java.util.Objects;

/** One named field of a {@link StructType}; {@code nullable} says whether its value may be null. */
public record StructField(String name, DataType type, boolean nullable) implements java.io.Serializable {
    public StructField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + ": " + type + (nullable ? "" : " not null");
    }
}
