package io.azof.core.types;

import java.util.Objects;

/** A map from keys of one type to values of another; keys are never null, values only if {@code valueContainsNull}. */
public record MapType(DataType keyType, DataType valueType, boolean valueContainsNull) implements DataType {
    public MapType {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
    }

    @Override
    public String toString() {
        return "map<" + keyType + ", " + valueType + (valueContainsNull ? "" : " not null") + ">";
    }
}
