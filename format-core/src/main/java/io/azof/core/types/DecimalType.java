package io.azof.core.types;

/**
 * A fixed-point decimal with {@code precision} significant digits of which {@code scale} follow the point.
 * The bounds are Spark's (precision at most 38); negative scales, which Spark allows only behind a legacy
 * flag, are refused.
 */
public record DecimalType(int precision, int scale) implements DataType {
    public static final int MAX_PRECISION = 38;

    public DecimalType {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("decimal precision must be between 1 and " + MAX_PRECISION + ", got " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal scale must be between 0 and the precision " + precision + ", got " + scale);
        }
    }

    @Override
    public String toString() {
        return "decimal(" + precision + "," + scale + ")";
    }
}
