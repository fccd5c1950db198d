package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The payload columns of a table, in order. The key ({@value #KEY_COLUMN}, a string) and the event time
 * ({@value #EVENT_TIME_COLUMN}) precede them in every data file and are not listed here, as in azof 0.2.1.
 */
public record TableSchema(List<Column> columns) implements Serializable {
    public static final String KEY_COLUMN = "key";
    public static final String EVENT_TIME_COLUMN = "event_time";

    public TableSchema {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
