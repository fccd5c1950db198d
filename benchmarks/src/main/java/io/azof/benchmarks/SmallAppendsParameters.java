package io.azof.benchmarks;

/**
 * What identifies a generated history of the small-appends scenario ({@link SmallAppendsGenerator}).
 *
 * @param appends       appends, one a day from 2024-01-01 on; fewer than a million (an event time's microseconds
 *                      hold the append's number)
 * @param rowsPerAppend rows of each append, each of a different key, so at most {@code keys}
 * @param keys          distinct keys the appends draw from, {@code k0000000} upwards
 * @param seed          the seed of every generated value
 */
public record SmallAppendsParameters(int appends, int rowsPerAppend, long keys, long seed) {
    public SmallAppendsParameters {
        if (appends < 1 || appends >= 1_000_000) {
            throw new IllegalArgumentException("appends must be from 1 to 999,999, got " + appends);
        }
        if (rowsPerAppend < 1) {
            throw new IllegalArgumentException("rows per append must be at least 1, got " + rowsPerAppend);
        }
        if (keys < rowsPerAppend) {
            throw new IllegalArgumentException("an append's rows have different keys, so keys must be at least the rows per "
                    + "append (" + rowsPerAppend + "), got " + keys);
        }
        if (keys > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("keys must be at most " + Integer.MAX_VALUE + ", got " + keys);
        }
    }

    /** Rows in the whole history. */
    public long rows() {
        return (long) appends * rowsPerAppend;
    }

    /**
     * The named sizes: the reference, 500 appends of 2,000 rows over 100,000 keys (a million rows, each key in about ten
     * appends), and a quick one for CI and checks, 100 appends of 2,000 rows over 20,000 keys.
     */
    public static SmallAppendsParameters preset(Size size, long seed) {
        return switch (size) {
            case REFERENCE -> new SmallAppendsParameters(500, 2_000, 100_000, seed);
            case SMALL -> new SmallAppendsParameters(100, 2_000, 20_000, seed);
        };
    }
}
