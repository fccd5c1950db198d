package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/** A payload column declared by the snapshot schema. */
public record Column(String name, ColumnType type, boolean nullable) implements Serializable {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
