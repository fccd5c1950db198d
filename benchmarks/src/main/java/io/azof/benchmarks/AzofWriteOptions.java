package io.azof.benchmarks;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The options every azof write of the benchmark passes ({@code df.write.format("azof").options(...)}), from one place:
 * none by default, so the azof table has the settings a new table gets (month segments, 4 buckets, key {@code key},
 * event time {@code event_time}, and whatever else azof does by default). {@code --azof-option NAME=VALUE} adds some,
 * e.g. {@code --azof-option autoCompact=false} to compare a table property's off and on once azof has it (azof
 * ignores options it does not know, so such a run measures the defaults until then). The options are part of the data
 * directory's identity and name, so runs with different ones keep different tables.
 */
public record AzofWriteOptions(Map<String, String> options) {
    /** The table's defaults: what the benchmark measures unless asked otherwise. */
    public static final AzofWriteOptions TABLE_DEFAULTS = new AzofWriteOptions(Map.of());

    public AzofWriteOptions {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public boolean isDefault() {
        return options.isEmpty();
    }

    /** {@code name=value,...} in name order, or empty for the defaults. */
    public String describe() {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Appended to the default data directory's name: empty for the defaults, else {@code -azof-name=value,...}. */
    public String directorySuffix() {
        return isDefault() ? "" : "-azof-" + describe().replaceAll("[^A-Za-z0-9=,._-]", "_");
    }
}
