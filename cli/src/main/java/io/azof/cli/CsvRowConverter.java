package io.azof.cli;

import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.TableSchema;
import io.azof.core.time.Micros;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns one CSV row {@code key,event_time,payload...} into the row {@link io.azof.core.io.parquet.LegacyDataFileWriter}
 * writes: {@code [key String, eventTimeMicros Long, payload...]}.
 *
 * <p>Field rules: the key is any non-empty text. Times ({@code event_time} and DateTime columns) are
 * ISO-8601 instants in UTC ending in {@code Z}, at most millisecond precision because azof 0.2.1 data files
 * store milliseconds. Int is a whole number (stored as a 64-bit Long), Boolean is {@code true} or
 * {@code false}. An empty field is null in a nullable column and the empty string in a non-nullable String
 * column; in any other non-nullable column it is an error. A nullable String column therefore cannot hold
 * the empty string.
 */
public final class CsvRowConverter {
    private static final String INSTANT_FORM = "an ISO-8601 instant in UTC such as 2024-01-31T09:30:00.000Z";

    private final TableSchema schema;

    public CsvRowConverter(TableSchema schema) {
        this.schema = schema;
    }

    /**
     * @param source the CSV file, named in errors
     * @param line the 1-based line the row starts on, named in errors
     * @throws CsvDataException naming the file, the line and (for a bad value) the column
     */
    public Object[] convert(String source, long line, List<String> fields) {
        int width = schema.columns().size() + 2;
        if (fields.size() != width) {
            throw new CsvDataException(source + " line " + line + ": " + fields.size() + " field(s), but the schema needs "
                    + width + " (" + TableSchema.KEY_COLUMN + ", " + TableSchema.EVENT_TIME_COLUMN + columnList() + ")");
        }
        Object[] row = new Object[width];
        String key = fields.get(0);
        if (key.isEmpty()) {
            throw fieldError(source, line, 0, TableSchema.KEY_COLUMN, "the key is empty; every row needs one");
        }
        row[0] = key;
        row[1] = instant(source, line, 1, TableSchema.EVENT_TIME_COLUMN, fields.get(1));
        for (int i = 2; i < width; i++) {
            row[i] = value(source, line, i, schema.columns().get(i - 2), fields.get(i));
        }
        return row;
    }

    private String columnList() {
        StringBuilder names = new StringBuilder();
        for (Column column : schema.columns()) {
            names.append(", ").append(column.name());
        }
        return names.toString();
    }

    private static Object value(String source, long line, int index, Column column, String text) {
        if (text.isEmpty()) {
            if (column.nullable()) {
                return null;
            }
            if (column.type() == ColumnType.STRING) {
                return "";
            }
            throw fieldError(source, line, index, column.name(),
                    "empty, but the column is not nullable (" + column.type().jsonName() + ")");
        }
        return switch (column.type()) {
            case STRING -> text;
            case INT -> integer(source, line, index, column.name(), text);
            case BOOLEAN -> bool(source, line, index, column.name(), text);
            case DATE_TIME -> instant(source, line, index, column.name(), text);
        };
    }

    private static Long integer(String source, long line, int index, String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw fieldError(source, line, index, name, "'" + text + "' is not an Int (a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
        }
    }

    private static Boolean bool(String source, long line, int index, String name, String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw fieldError(source, line, index, name, "'" + text + "' is not a Boolean (true or false)");
        };
    }

    private static Long instant(String source, long line, int index, String name, String text) {
        Instant instant = text.endsWith("Z") ? parseInstant(text) : null;
        if (instant == null) {
            throw fieldError(source, line, index, name, "'" + text + "' is not " + INSTANT_FORM);
        }
        if (instant.getNano() % 1_000_000 != 0) {
            throw fieldError(source, line, index, name, "'" + text
                    + "' has digits below the millisecond, which azof 0.2.1 data files cannot store");
        }
        return Micros.of(instant);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static CsvDataException fieldError(String source, long line, int index, String name, String detail) {
        return new CsvDataException(source + " line " + line + ", column " + (index + 1) + " (" + name + "): " + detail);
    }
}
