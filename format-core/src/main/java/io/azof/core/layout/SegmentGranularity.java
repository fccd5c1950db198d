package io.azof.core.layout;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.time.Micros;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a table cuts event time into segments. Segments are calendar periods in UTC, so every writer
 * routes a row to the same segment whatever its own time zone. Pure.
 */
public enum SegmentGranularity {
    DAY, MONTH, QUARTER, YEAR;

    /** Parses a user-supplied value (case-insensitive), naming the option in the error. */
    public static SegmentGranularity parse(String optionName, String value) {
        for (SegmentGranularity g : values()) {
            if (g.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return g;
            }
        }
        throw new InvalidOptionException("Invalid value for option '" + optionName + "': '" + value + "'. Accepted values: "
                + Arrays.stream(values()).map(SegmentGranularity::jsonName).collect(Collectors.joining(", ")));
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The segment holding {@code eventTimeMicros}: its inclusive start and end, and its id. */
    public SegmentRange segmentOf(long eventTimeMicros) {
        LocalDate day = Micros.toInstant(eventTimeMicros).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (this) {
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
            case YEAR -> LocalDate.of(day.getYear(), 1, 1);
        };
        LocalDate next = switch (this) {
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
        long startMicros = micros(start);
        long endMicros = micros(next) - 1;
        return new SegmentRange(id(start), startMicros, endMicros);
    }

    private String id(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> String.format(Locale.ROOT, "%04d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.format(Locale.ROOT, "%04d", start.getYear());
        };
    }

    private static long micros(LocalDate date) {
        return Micros.of(ZonedDateTime.of(date.atStartOfDay(), ZoneOffset.UTC).toInstant());
    }
}
