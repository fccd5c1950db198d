package io.azof.core.io.parquet;

import io.azof.core.types.DataType;
import io.azof.core.types.StructType;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.schema.MessageType;

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

    /**
     * How a file stores each projected column, as the core's row reader reads it: for engines that decode files with
     * their own reader and must read the same columns the same way.
     *
     * @throws io.azof.core.exceptions.SchemaMismatchException naming the file, the column and both types, for a column that
     *     is neither readable as declared nor in {@code absentAsNull} and absent
     */
    public static List<StoredColumn> of(String fileName, MessageType fileSchema, StructType expectedSchema, List<String> projectedColumns,
                                        Set<String> absentAsNull) {
        return ParquetProjection.project(fileName, fileSchema, expectedSchema, projectedColumns, absentAsNull).columns();
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
