package io.azof.core.time;

import io.azof.core.exceptions.InvalidOptionException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * The one parser for user-supplied time strings ({@code asOf}, later {@code systemTimeAsOf} and SQL).
 *
 * <p>Accepted forms: an ISO-8601 instant with a zone or offset; a local date-time without zone,
 * interpreted in the caller's (Spark session) time zone; a date, meaning the start of that day in that
 * zone. A space may stand for the {@code T} separator, as Spark SQL timestamp literals allow.
 */
public final class TimeStrings {
    public static final String ACCEPTED_FORMS =
            "an ISO-8601 instant with zone such as '2019-01-17T00:00:00Z' or '2019-01-17T00:00:00.250+02:00', "
                    + "a local date-time such as '2019-01-17T09:30:00' (read in the session time zone), "
                    + "or a date such as '2019-01-17' (the start of that day in the session time zone)";

    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter ZONED_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendLiteral('[').appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter(Locale.ROOT);

    private TimeStrings() {
    }

    /**
     * Parses {@code value} given for option {@code optionName}.
     *
     * @param sessionZone zone for strings that carry none
     * @throws InvalidOptionException naming the option, the value and the accepted forms
     */
    public static Instant parse(String optionName, String value, ZoneId sessionZone) {
        if (value == null || value.isBlank()) {
            throw invalid(optionName, value);
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(sessionZone).toInstant();
            }
            var parsed = ZONED_DATE_TIME.parseBest(text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return zoned.toInstant();
            }
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            return ((LocalDateTime) parsed).atZone(sessionZone).toInstant();
        } catch (DateTimeException e) {
            throw invalid(optionName, value);
        }
    }

    /** Parses to an {@link AsOf}; {@code null} (option not given) means current. */
    public static AsOf parseAsOf(String optionName, String valueOrNull, ZoneId sessionZone) {
        if (valueOrNull == null) {
            return AsOf.current();
        }
        return AsOf.eventTime(parse(optionName, valueOrNull, sessionZone));
    }

    private static InvalidOptionException invalid(String optionName, String value) {
        return new InvalidOptionException("Invalid value for option '" + optionName + "': '" + value
                + "' is not a time azof understands. Accepted forms: " + ACCEPTED_FORMS + ".");
    }
}
