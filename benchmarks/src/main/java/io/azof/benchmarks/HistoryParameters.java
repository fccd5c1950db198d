package io.azof.benchmarks;

/**
 * What identifies a generated history of the monthly scenario ({@link HistoryGenerator}): the same parameters always generate the same rows, so a data
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

    /** The named sizes: the reference the acceptance targets are about (1,000,000 x 12), and a quick one for CI (20,000 x 12). */
    public static HistoryParameters preset(Size size, long seed) {
        return switch (size) {
            case REFERENCE -> new HistoryParameters(1_000_000, 12, seed);
            case SMALL -> new HistoryParameters(20_000, 12, seed);
        };
    }
}
