package io.azof.core.types;

import java.util.ArrayList;
import java.util.List;

/** A key column as {@link KeyOrdering} and {@link KeyHashing} see it: a name for messages and an orderable type. */
record KeyColumn(String name, DataType type) {
    static final String ORDERABLE = "string, binary, boolean, byte, short, integer, long, float, double, decimal(p,s), "
            + "date, timestamp";

    /** Names the columns by position ("key column 0"), for callers that hold only the types. */
    static List<KeyColumn> of(List<DataType> types) {
        List<KeyColumn> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            columns.add(checked("key column " + i, types.get(i)));
        }
        return List.copyOf(columns);
    }

    static List<KeyColumn> of(StructType keySchema) {
        return keySchema.fields().stream().map(f -> checked("key column '" + f.name() + "'", f.type())).toList();
    }

    private static KeyColumn checked(String name, DataType type) {
        if (!(type instanceof PrimitiveType || type instanceof DecimalType)) {
            throw new IllegalArgumentException(name + " has type " + type + ", which has no order; key columns must be one of: "
                    + ORDERABLE);
        }
        return new KeyColumn(name, type);
    }

    static void checkArity(List<KeyColumn> columns, Object[] key) {
        if (key.length != columns.size()) {
            throw new IllegalArgumentException("key has " + key.length + " values, but there are " + columns.size()
                    + " key columns");
        }
    }

    Object nonNull(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " (" + type + ") is null; key values may not be null");
        }
        return value;
    }
}
