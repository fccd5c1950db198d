package io.azof.benchmarks;

/**
 * What identifies a generated history: the same parameters always generate the same rows, so a data
 * directory holding them can be reused instead of written again.
 *
 * @param keys     distinct keys, {@code k0000000} upwards
 * @param versions monthly appends, from January 2024 on
 * @param seed     the seed of every generated value
 */
public record HistoryParameters(long keys, int versions, long seed) {
    public static final long DEFAULT_SEED = 42;

    public HistoryParameters {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, got " + keys);
        }
        if (versions < 1) {
            throw new IllegalArgumentException("versions must be at least 1, got " + versions);
        }
    }

    /** The named sizes of the spec: the reference the acceptance targets are about, and a quick one for CI. */
    public enum Size {
        REFERENCE(1_000_000, 12),
        SMALL(20_000, 12);

        final long keys;
        final int versions;

        Size(long keys, int versions) {
            this.keys = keys;
            this.versions = versions;
        }
    }
}
