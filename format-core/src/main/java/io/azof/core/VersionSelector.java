package io.azof.core;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.time.TimeStrings;
import java.io.Serializable;
import java.time.ZoneId;

/**
 * Which snapshot of a table to read: the latest, a version number, or the latest version committed at
 * or before a system time.
 */
public record VersionSelector(Long version, Long systemTimeMillis) implements Serializable {
    public static VersionSelector latest() {
        return new VersionSelector(null, null);
    }

    public static VersionSelector version(long version) {
        return new VersionSelector(version, null);
    }

    public static VersionSelector systemTime(long epochMillis) {
        return new VersionSelector(null, epochMillis);
    }


    /**
     * Reads the {@value OptionNames#VERSION_AS_OF} and {@value OptionNames#SYSTEM_TIME_AS_OF} options (either may be null, not
     * both set); system times take the forms of {@link TimeStrings}.
     */
    public static VersionSelector fromOptions(String versionAsOf, String systemTimeAsOf, ZoneId sessionZone) {
        if (versionAsOf != null && systemTimeAsOf != null) {
            throw new InvalidOptionException("Options '" + OptionNames.VERSION_AS_OF + "' and '" + OptionNames.SYSTEM_TIME_AS_OF
                    + "' both pick a snapshot; give at most one of them");
        }
        if (versionAsOf != null) {
            try {
                long version = Long.parseLong(versionAsOf.trim());
                if (version >= 1) {
                    return version(version);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidOptionException("Invalid value for option '" + OptionNames.VERSION_AS_OF + "': '" + versionAsOf
                    + "'. Give a snapshot version, a whole number from 1");
        }
        if (systemTimeAsOf != null) {
            return systemTime(TimeStrings.parse(OptionNames.SYSTEM_TIME_AS_OF, systemTimeAsOf, sessionZone).toEpochMilli());
        }
        return latest();
    }
}
