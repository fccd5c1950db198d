package io.azof.core.slots;

import java.io.Serializable;
import java.util.Objects;

/**
 * A table's time-series settings (SPEC sections 6.14 and 6.15), both changeable after creation.
 *
 * @param granularity the width of coverage slots; null when the table records no coverage
 * @param overlapPolicy what the table's appends do with rows in covered slots unless a write says otherwise
 */
public record CoverageSettings(CoverageGranularity granularity, OverlapPolicy overlapPolicy) implements Serializable {
    /** No coverage, and appends allowed to overlap: what tables have unless told otherwise. */
    public static final CoverageSettings NONE = new CoverageSettings(null, OverlapPolicy.ALLOW);

    public CoverageSettings {
        Objects.requireNonNull(overlapPolicy, "overlapPolicy");
    }

    public boolean recordsCoverage() {
        return granularity != null;
    }

    public CoverageSettings withGranularity(CoverageGranularity newGranularity) {
        return new CoverageSettings(newGranularity, overlapPolicy);
    }

    public CoverageSettings withOverlapPolicy(OverlapPolicy policy) {
        return new CoverageSettings(granularity, policy);
    }
}
