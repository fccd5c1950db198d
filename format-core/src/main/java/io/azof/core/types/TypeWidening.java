package io.azof.core.types;

import java.util.List;

/**
 * The type changes a column may undergo after data was written in it: each maps every value of the old type
 * to exactly one value of the new type with nothing lost, so a file written under the old type can be read
 * under the new one by converting each value as it is decoded.
 * <ul>
 *   <li>byte to short, integer or long; short to integer or long; integer to long;</li>
 *   <li>float to double;</li>
 *   <li>decimal(p,s) to decimal(p',s) with p' &gt; p: the same scale, so the same unscaled digits.</li>
 * </ul>
 * Integral to floating point (exact for byte, short and integer only) and a larger decimal scale are not
 * among them: Apache Iceberg allows the same set, so a table evolved here stays within what other
 * engines' readers of evolved tables expect, and Spark 3.5's own Parquet reader widens none of the
 * cross-family cases either.
 */
public final class TypeWidening {
    /** How the allowed widenings are named in error messages. */
    public static final String ALLOWED = "byte -> short -> integer -> long, float -> double,"
            + " decimal(p,s) -> decimal(p',s) with a larger precision p' and the same scale s";

    private static final List<PrimitiveType> INTEGRAL = List.of(PrimitiveType.BYTE, PrimitiveType.SHORT, PrimitiveType.INTEGER,
            PrimitiveType.LONG);

    private TypeWidening() {
    }

    /** True when values of {@code from} can be read as {@code to} without loss (a type widens to itself). */
    public static boolean canWiden(DataType from, DataType to) {
        if (from.equals(to)) {
            return true;
        }
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            return a.scale() == b.scale() && a.precision() <= b.precision();
        }
        if (INTEGRAL.contains(from) && INTEGRAL.contains(to)) {
            return INTEGRAL.indexOf(from) <= INTEGRAL.indexOf(to);
        }
        return from == PrimitiveType.FLOAT && to == PrimitiveType.DOUBLE;
    }

    /** True when {@code to} is a narrower type of the same family as {@code from}: the reverse of a widening. */
    public static boolean isNarrowing(DataType from, DataType to) {
        return !from.equals(to) && canWiden(to, from);
    }

    /**
     * A value of {@code from} as the value of {@code to} it widens to (see {@link DataType} for the classes).
     * Null stays null.
     *
     * @throws IllegalArgumentException when {@code from} does not widen to {@code to}
     */
    public static Object widen(Object value, DataType from, DataType to) {
        if (!canWiden(from, to)) {
            throw new IllegalArgumentException(from + " does not widen to " + to);
        }
        if (value == null || from.equals(to) || to instanceof DecimalType) {
            return value; // a decimal keeps its scale, so its BigDecimal is already the wider type's value
        }
        return switch ((PrimitiveType) to) {
            case SHORT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue(); // exact for a float
            default -> throw new IllegalStateException("no widening ends in " + to);
        };
    }
}
