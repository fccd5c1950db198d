package io.azof.core.slots;

import io.azof.core.exceptions.InvalidOptionException;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The width of a table's coverage slots (SPEC section 6.14): fixed-width event-time slots aligned to the Unix epoch in UTC,
 * slot {@code s} holding the event times {@code [s * width, (s + 1) * width)}. Slot ids are 64-bit and floor towards
 * negative infinity, so times before 1970 have negative slots and one-second slots reach far past 2038.
 *
 * @param text the property value as written, normalised ({@code 1h}, {@code 15m}, {@code 30s}, {@code 1d})
 * @param micros the slot width in microseconds
 */
public record CoverageGranularity(String text, long micros) implements Serializable {
    /** The property that sets it, as writers' options and catalog properties spell it. */
    public static final String PROPERTY = "coverageGranularity";
    static final String ACCEPTED = "a whole number above 0 followed by s, m, h or d (seconds, minutes, hours, days), such as 30s, 15m, 1h or 1d";
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})([smhd])");

    public CoverageGranularity {
        if (micros <= 0) {
            throw new IllegalArgumentException("a slot is wider than 0 microseconds");
        }
    }

    /**
     * Parses {@code <n><s|m|h|d>}.
     *
     * @throws InvalidOptionException naming the value and the accepted forms
     */
    public static CoverageGranularity parse(String value) {
        Matcher matcher = value == null ? null : FORM.matcher(value.trim());
        if (matcher == null || !matcher.matches()) {
            throw invalid(value, "");
        }
        long count = Long.parseLong(matcher.group(1));
        long unitSeconds = switch (matcher.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            default -> 86_400;
        };
        if (count == 0) {
            throw invalid(value, "; a slot cannot be empty");
        }
        long micros;
        try {
            micros = Math.multiplyExact(Math.multiplyExact(count, unitSeconds), 1_000_000L);
        } catch (ArithmeticException e) {
            throw invalid(value, "; it is wider than the time a timestamp can hold");
        }
        return new CoverageGranularity(count + matcher.group(2), micros);
    }

    private static InvalidOptionException invalid(String value, String why) {
        return new InvalidOptionException("Property '" + PROPERTY + "' is '" + value + "'" + why + "; it must be " + ACCEPTED);
    }

    /** The slot an event time (epoch microseconds) falls in. */
    public long slotOf(long eventTimeMicros) {
        return Math.floorDiv(eventTimeMicros, micros);
    }

    /** The first event time of a slot, in epoch microseconds (saturated at the ends of the long range). */
    public long startMicros(long slot) {
        long start = slot * micros;
        return Math.multiplyHigh(slot, micros) == (start >> 63) ? start : slot < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** The first slot of a range starting at {@code fromMicros}: the slot it falls in (ranges widen to whole slots). */
    public long firstSlot(long fromMicros) {
        return slotOf(fromMicros);
    }

    /** The slot after a range ending (exclusively) at {@code toMicros}: the slot the range's last instant falls in, plus one. */
    public long endSlot(long toMicros) {
        return Math.floorDiv(toMicros - 1, micros) + 1;
    }

    @Override
    public String toString() {
        return text;
    }
}
