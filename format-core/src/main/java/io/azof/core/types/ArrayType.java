package io.azof.core.types;

import java.util.Objects;

/** A list of values of one type; {@code containsNull} says whether elements may be null. */
public record ArrayType(DataType elementType, boolean containsNull) implements DataType {
    public ArrayType {
        Objects.requireNonNull(elementType, "elementType");
    }

    @Override
    public String toString() {
        return "array<" + elementType + (containsNull ? "" : " not null") + ">";
    }
}
