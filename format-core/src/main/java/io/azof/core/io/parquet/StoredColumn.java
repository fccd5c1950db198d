package io.azof.core.io.parquet;

import io.azof.core.types.DataType;
import java.util.Objects;

/**
 * How a data file holds one column a reader asks for, decided from the file's Parquet schema before any value
 * is read. Files written before a schema change hold a column the table added later not at all, and a column
 * the table widened later in its narrower type; readers read the first as null and convert the second.
 *
 * @param declaredType the type the reader asks for (the table's)
 * @param storedType the type whose values the file holds: {@code declaredType}, a narrower type it widens from,
 *     or null when the file has no such column
 */
public record StoredColumn(String name, DataType declaredType, DataType storedType) {
    public StoredColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredType, "declaredType");
    }

    /** True when the file has no such column: every value reads as null. */
    public boolean absent() {
        return storedType == null;
    }

    /** True when the file holds narrower values that readers widen to the declared type. */
    public boolean widened() {
        return storedType != null && !storedType.equals(declaredType);
    }
}
