package io.azof.core.types;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ordered list of named fields; also the type of a table's rows. Names are unique and compared
 * case-sensitively, as Parquet compares them, so a lookup never depends on an engine's case setting.
 */
public record StructType(List<StructField> fields) implements DataType {
    public StructType {
        fields = List.copyOf(fields);
        Set<String> seen = new HashSet<>();
        for (StructField field : fields) {
            if (!seen.add(field.name())) {
                throw new IllegalArgumentException("struct has two fields named '" + field.name() + "'");
            }
        }
    }

    public static StructType of(StructField... fields) {
        return new StructType(List.of(fields));
    }

    public int size() {
        return fields.size();
    }

    public StructField field(int index) {
        return fields.get(index);
    }

    public Optional<StructField> field(String name) {
        int index = indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(fields.get(index));
    }

    /**
     * The position of the field called {@code name}.
     *
     * @throws IllegalArgumentException naming the field and the fields there are, when there is none
     */
    public int fieldIndex(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no field '" + name + "' in " + this);
        }
        return index;
    }

    public List<String> fieldNames() {
        return fields.stream().map(StructField::name).toList();
    }

    // A linear scan: schemas are small and lookups happen when planning, never per row.
    private int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return fields.stream().map(StructField::toString).collect(Collectors.joining(", ", "struct<", ">"));
    }
}
