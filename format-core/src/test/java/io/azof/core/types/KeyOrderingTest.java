package io.azof.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.testing.TestArbitraries;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyOrderingTest {

    private static List<Object[]> sorted(KeyOrdering ordering, Object[]... keys) {
        List<Object[]> list = new ArrayList<>(Arrays.asList(keys));
        list.sort(ordering);
        return list;
    }

    @Test
    void stringsOrderAsUtf8BytesNotAsUtf16() {
        String replacement = "\uFFFD";
        String emoji = "\uD83D\uDE00"; // U+1F600, a surrogate pair in UTF-16
        assertThat(emoji.compareTo(replacement)).isNegative();
        KeyOrdering ordering = KeyOrdering.of(List.of(PrimitiveType.STRING));
        assertThat(ordering.compare(new Object[] {emoji}, new Object[] {replacement})).isPositive();
        assertThat(sorted(ordering, new Object[] {emoji}, new Object[] {"z"}, new Object[] {replacement}, new Object[] {""}))
                .containsExactly(new Object[] {""}, new Object[] {"z"}, new Object[] {replacement}, new Object[] {emoji});
    }

    @Property(tries = 500)
    void stringOrderIsTheUnsignedOrderOfUtf8Bytes(@ForAll("strings") String left, @ForAll("strings") String right) {
        int bytes = Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(KeyOrdering.compareUtf8(left, right))).isEqualTo(Integer.signum(bytes));
    }

    @Provide
    Arbitrary<String> strings() {
        return TestArbitraries.strings();
    }

    @Test
    void compositeKeysOrderColumnByColumn() {
        KeyOrdering ordering = KeyOrdering.of(List.of(PrimitiveType.STRING, PrimitiveType.INTEGER));
        assertThat(sorted(ordering, new Object[] {"b", 1}, new Object[] {"a", 2}, new Object[] {"a", -3}, new Object[] {"ab", 0}))
                .containsExactly(new Object[] {"a", -3}, new Object[] {"a", 2}, new Object[] {"ab", 0}, new Object[] {"b", 1});
    }

    @Test
    void decimalsCompareByValueWhateverTheirScale() {
        KeyOrdering ordering = KeyOrdering.of(List.of(new DecimalType(10, 2)));
        assertThat(ordering.compare(new Object[] {new BigDecimal("1.5")}, new Object[] {new BigDecimal("1.50")})).isZero();
        assertThat(sorted(ordering, new Object[] {new BigDecimal("0.01")}, new Object[] {new BigDecimal("-1.00")},
                new Object[] {new BigDecimal("-0.99")}))
                .containsExactly(new Object[] {new BigDecimal("-1.00")}, new Object[] {new BigDecimal("-0.99")},
                        new Object[] {new BigDecimal("0.01")});
    }

    @Test
    void floatingPointOrderIsTotalWithNegativeZeroFirstAndNanLast() {
        KeyOrdering doubles = KeyOrdering.of(List.of(PrimitiveType.DOUBLE));
        assertThat(sorted(doubles, new Object[] {Double.NaN}, new Object[] {0.0}, new Object[] {Double.POSITIVE_INFINITY},
                new Object[] {-0.0}, new Object[] {Double.NEGATIVE_INFINITY}))
                .containsExactly(new Object[] {Double.NEGATIVE_INFINITY}, new Object[] {-0.0}, new Object[] {0.0},
                        new Object[] {Double.POSITIVE_INFINITY}, new Object[] {Double.NaN});
        KeyOrdering floats = KeyOrdering.of(List.of(PrimitiveType.FLOAT));
        assertThat(floats.compare(new Object[] {Float.NaN}, new Object[] {Float.intBitsToFloat(0x7FC00001)})).isZero();
        assertThat(floats.compare(new Object[] {-0.0f}, new Object[] {0.0f})).isNegative();
    }

    @Test
    void binariesCompareAsUnsignedBytesThenLength() {
        KeyOrdering ordering = KeyOrdering.of(List.of(PrimitiveType.BINARY));
        assertThat(sorted(ordering, new Object[] {new byte[] {(byte) 0x80}}, new Object[] {new byte[] {0x7F, 0}},
                new Object[] {new byte[] {0x7F}}))
                .containsExactly(new Object[] {new byte[] {0x7F}}, new Object[] {new byte[] {0x7F, 0}},
                        new Object[] {new byte[] {(byte) 0x80}});
    }

    @Test
    void otherTypesCompareNumerically() {
        KeyOrdering ordering = KeyOrdering.of(List.of(PrimitiveType.BOOLEAN, PrimitiveType.BYTE, PrimitiveType.SHORT,
                PrimitiveType.LONG, PrimitiveType.DATE, PrimitiveType.TIMESTAMP));
        Object[] low = {false, (byte) -1, (short) 2, 3L, -719162, -1L};
        assertThat(ordering.compare(low, new Object[] {true, (byte) -2, (short) 0, 0L, 0, 0L})).isNegative();
        assertThat(ordering.compare(low, new Object[] {false, (byte) -1, (short) 2, 3L, -719162, 0L})).isNegative();
        assertThat(ordering.compare(low, low.clone())).isZero();
    }

    @Test
    void nullKeyValueIsRefusedNamingTheColumn() {
        KeyOrdering byPosition = KeyOrdering.of(List.of(PrimitiveType.STRING, PrimitiveType.INTEGER));
        assertThatThrownBy(() -> byPosition.compare(new Object[] {"a", null}, new Object[] {"a", 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column 1 (integer) is null; key values may not be null");
        KeyOrdering byName = KeyOrdering.of(StructType.of(new StructField("id", PrimitiveType.STRING, false)));
        assertThatThrownBy(() -> byName.compare(new Object[] {"a"}, new Object[] {null}))
                .hasMessage("key column 'id' (string) is null; key values may not be null");
    }

    @Test
    void keyOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> KeyOrdering.of(List.of(PrimitiveType.STRING)).compare(new Object[] {"a", 1}, new Object[] {"a"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key has 2 values, but there are 1 key columns");
    }

    @Test
    void nestedTypesCannotBeKeys() {
        assertThatThrownBy(() -> KeyOrdering.of(List.of(PrimitiveType.LONG, new ArrayType(PrimitiveType.INTEGER, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column 1 has type array<integer>, which has no order; key columns must be one of: "
                        + "string, binary, boolean, byte, short, integer, long, float, double, decimal(p,s), date, timestamp");
        assertThatThrownBy(() -> KeyOrdering.of(StructType.of(new StructField("s", StructType.of(
                new StructField("x", PrimitiveType.LONG, true)), false))))
                .hasMessageStartingWith("key column 's' has type struct<x: long>, which has no order");
    }
}
