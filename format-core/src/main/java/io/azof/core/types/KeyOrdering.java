package io.azof.core.types;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order of keys (rows of key column values) in sorted runs: lexicographic over the key columns, each
 * compared by the order Spark and Parquet statistics use, so min/max statistics written by any of them
 * bound the same keys:
 * <ul>
 *   <li>string: by Unicode code point, which is the unsigned byte order of the UTF-8 encodings. This is not
 *       {@link String#compareTo}, whose UTF-16 order puts characters above U+FFFF (surrogate pairs) before
 *       U+E000..U+FFFF;</li>
 *   <li>binary: unsigned bytes, then length;</li>
 *   <li>boolean: false before true; integral types, date and timestamp: numeric;</li>
 *   <li>float, double: {@link Double#compare}: -0.0 before 0.0 and NaN (all NaNs equal) after everything,
 *       a total order, unlike {@code <};</li>
 *   <li>decimal: numeric ({@link BigDecimal#compareTo}), so 1.5 and 1.50 are equal.</li>
 * </ul>
 * Key values are never null: a null in a key is a caller's bug, reported naming the column. Instances are
 * immutable and safe to share between threads.
 */
public final class KeyOrdering implements Comparator<Object[]> {
    private final List<KeyColumn> columns;
    private final Comparator<Object>[] comparators;

    @SuppressWarnings("unchecked")
    private KeyOrdering(List<KeyColumn> columns) {
        this.columns = columns;
        this.comparators = columns.stream().map(c -> comparator(c.type())).toArray(Comparator[]::new);
    }

    /**
     * The ordering for key columns of these types, named by position in messages.
     *
     * @throws IllegalArgumentException naming a type that has no order (struct, array, map)
     */
    public static KeyOrdering of(List<DataType> keyTypes) {
        return new KeyOrdering(KeyColumn.of(keyTypes));
    }

    /** As {@link #of(List)}, naming the columns by their field names in messages. */
    public static KeyOrdering of(StructType keySchema) {
        return new KeyOrdering(KeyColumn.of(keySchema));
    }

    @Override
    public int compare(Object[] left, Object[] right) {
        KeyColumn.checkArity(columns, left);
        KeyColumn.checkArity(columns, right);
        return compareKeySlots(left, right);
    }

    /**
     * This ordering applied to rows that start with the key columns, such as {@code [key..., event time,
     * payload...]}; the slots after the key are ignored. Spares merges a copy of every row's key.
     */
    public Comparator<Object[]> onRowPrefix() {
        return this::compareKeySlots;
    }

    private int compareKeySlots(Object[] left, Object[] right) {
        for (int i = 0; i < comparators.length; i++) {
            KeyColumn column = columns.get(i);
            int result = comparators[i].compare(column.nonNull(left[i]), column.nonNull(right[i]));
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** Compares two strings as the unsigned bytes of their UTF-8 encodings compare, without encoding them. */
    public static int compareUtf8(String left, String right) {
        int common = Math.min(left.length(), right.length());
        for (int i = 0; i < common; i++) {
            char l = left.charAt(i);
            char r = right.charAt(i);
            if (l != r) {
                return Integer.compare(codePointRank(l), codePointRank(r));
            }
        }
        return Integer.compare(left.length(), right.length());
    }

    // Moves surrogates (U+D800..U+DFFF, the halves of code points above U+FFFF) above U+E000..U+FFFF,
    // turning UTF-16 code unit order into code point order at the first differing unit.
    private static int codePointRank(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        return c >= 0xD800 ? c + 0x2000 : c;
    }

    private static Comparator<Object> comparator(DataType type) {
        if (type instanceof DecimalType) {
            return (l, r) -> ((BigDecimal) l).compareTo((BigDecimal) r);
        }
        return switch ((PrimitiveType) type) {
            case STRING -> (l, r) -> compareUtf8((String) l, (String) r);
            case BINARY -> (l, r) -> Arrays.compareUnsigned((byte[]) l, (byte[]) r);
            case BOOLEAN -> (l, r) -> Boolean.compare((Boolean) l, (Boolean) r);
            case BYTE -> (l, r) -> Byte.compare((Byte) l, (Byte) r);
            case SHORT -> (l, r) -> Short.compare((Short) l, (Short) r);
            case INTEGER, DATE -> (l, r) -> Integer.compare((Integer) l, (Integer) r);
            case LONG, TIMESTAMP -> (l, r) -> Long.compare((Long) l, (Long) r);
            case FLOAT -> (l, r) -> Float.compare((Float) l, (Float) r);
            case DOUBLE -> (l, r) -> Double.compare((Double) l, (Double) r);
        };
    }
}
