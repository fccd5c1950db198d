package io.azof.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeWideningTest {
    private static final PrimitiveType BYTE = PrimitiveType.BYTE;
    private static final PrimitiveType SHORT = PrimitiveType.SHORT;
    private static final PrimitiveType INTEGER = PrimitiveType.INTEGER;
    private static final PrimitiveType LONG = PrimitiveType.LONG;

    @Test
    void integersWidenUpTheirChainOnly() {
        List<PrimitiveType> chain = List.of(BYTE, SHORT, INTEGER, LONG);
        for (int from = 0; from < chain.size(); from++) {
            for (int to = 0; to < chain.size(); to++) {
                assertThat(TypeWidening.canWiden(chain.get(from), chain.get(to))).as("%s -> %s", chain.get(from), chain.get(to))
                        .isEqualTo(from <= to);
            }
        }
    }

    @Test
    void floatWidensToDoubleButNotBack() {
        assertThat(TypeWidening.canWiden(PrimitiveType.FLOAT, PrimitiveType.DOUBLE)).isTrue();
        assertThat(TypeWidening.canWiden(PrimitiveType.DOUBLE, PrimitiveType.FLOAT)).isFalse();
        assertThat(TypeWidening.isNarrowing(PrimitiveType.DOUBLE, PrimitiveType.FLOAT)).isTrue();
    }

    @Test
    void decimalsWidenInPrecisionAtTheSameScaleOnly() {
        assertThat(TypeWidening.canWiden(new DecimalType(5, 2), new DecimalType(20, 2))).isTrue();
        assertThat(TypeWidening.canWiden(new DecimalType(20, 2), new DecimalType(5, 2))).isFalse();
        assertThat(TypeWidening.canWiden(new DecimalType(5, 2), new DecimalType(6, 3))).as("a larger scale").isFalse();
        assertThat(TypeWidening.canWiden(new DecimalType(5, 2), new DecimalType(6, 1))).as("a smaller scale").isFalse();
    }

    @Test
    void crossFamilyChangesAreNotWidenings() {
        assertThat(TypeWidening.canWiden(INTEGER, PrimitiveType.DOUBLE)).isFalse();
        assertThat(TypeWidening.canWiden(LONG, new DecimalType(20, 0))).isFalse();
        assertThat(TypeWidening.canWiden(PrimitiveType.DATE, PrimitiveType.TIMESTAMP)).isFalse();
        assertThat(TypeWidening.canWiden(INTEGER, PrimitiveType.STRING)).isFalse();
        assertThat(TypeWidening.isNarrowing(INTEGER, PrimitiveType.STRING)).isFalse();
        StructType struct = StructType.of(new StructField("a", INTEGER, true));
        assertThat(TypeWidening.canWiden(struct, StructType.of(new StructField("a", LONG, true)))).as("nested types never change").isFalse();
        assertThat(TypeWidening.canWiden(struct, struct)).isTrue();
    }

    @Test
    void valuesWidenToTheWiderTypesClass() {
        assertThat(TypeWidening.widen((byte) -7, BYTE, SHORT)).isEqualTo((short) -7);
        assertThat(TypeWidening.widen((short) 300, SHORT, INTEGER)).isEqualTo(300);
        assertThat(TypeWidening.widen(Integer.MIN_VALUE, INTEGER, LONG)).isEqualTo(-2_147_483_648L);
        assertThat(TypeWidening.widen(0.1f, PrimitiveType.FLOAT, PrimitiveType.DOUBLE)).isEqualTo(0.10000000149011612d);
        assertThat(TypeWidening.widen(new BigDecimal("123.45"), new DecimalType(5, 2), new DecimalType(20, 2)))
                .isEqualTo(new BigDecimal("123.45"));
        assertThat(TypeWidening.widen(null, INTEGER, LONG)).isNull();
        assertThat(TypeWidening.widen("same", PrimitiveType.STRING, PrimitiveType.STRING)).isEqualTo("same");
    }

    @Test
    void widenRefusesATypeThatDoesNotWiden() {
        assertThatThrownBy(() -> TypeWidening.widen(1L, LONG, INTEGER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("long does not widen to integer");
    }
}
