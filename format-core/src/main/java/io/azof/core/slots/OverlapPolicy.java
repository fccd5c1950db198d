package io.azof.core.slots;

import io.azof.core.exceptions.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an append does with upsert records in slots already covered for their key (SPEC section 6.15): write them
 * ({@link #ALLOW}, the default: late rows and corrections are what event-time travel is for), fail and commit nothing
 * ({@link #ERROR}), or drop them and commit the rest ({@link #SKIP}).
 */
public enum OverlapPolicy {
    ALLOW, ERROR, SKIP;

    /** The write option that chooses it for one append. */
    public static final String OPTION = "onOverlap";
    /** The table property that sets the default of the table's appends. */
    public static final String PROPERTY = "overlapPolicy";

    /** As options and properties spell it. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name the option or property being parsed, for the message
     * @throws InvalidOptionException naming it, the value and the accepted ones
     */
    public static OverlapPolicy parse(String name, String value) {
        for (OverlapPolicy policy : values()) {
            if (policy.text().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return policy;
            }
        }
        throw new InvalidOptionException("Option '" + name + "' is '" + value + "'; it must be one of "
                + Arrays.stream(values()).map(OverlapPolicy::text).collect(Collectors.joining(", ")));
    }
}
