package io.azof.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.testing.TestArbitraries;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Pins the bucket function, which is part of the format: the expected bytes are built here by hand from
 * the definition, and the expected hashes are literals, so any change to the function fails this test.
 */
class KeyHashingTest {
    private static final KeyHashing STRING_INT = KeyHashing.of(List.of(PrimitiveType.STRING, PrimitiveType.INTEGER));
    private static final KeyHashing DECIMAL_TIMESTAMP_BOOLEAN = KeyHashing.of(
            List.of(new DecimalType(20, 3), PrimitiveType.TIMESTAMP, PrimitiveType.BOOLEAN));
    private static final KeyHashing BINARY_DOUBLE_DATE = KeyHashing.of(
            List.of(PrimitiveType.BINARY, PrimitiveType.DOUBLE, PrimitiveType.DATE));

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Test
    void jdkCrc32cIsTheStandardCastagnoliChecksum() {
        // The check value of CRC-32C (RFC 3720), for engines that implement it themselves.
        assertThat(crc32c("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xE3069283);
    }

    @Test
    void stringAndIntegerKeyHashesAsSpecified() {
        Object[] key = {"azof", 42};
        byte[] expected = ByteBuffer.allocate(18).put((byte) 0x01).putInt(4).put("azof".getBytes(StandardCharsets.UTF_8))
                .put((byte) 0x04).putLong(42).array();
        assertThat(STRING_INT.canonicalBytes(key)).isEqualTo(expected);
        assertThat(STRING_INT.hash(key)).isEqualTo(crc32c(expected)).isEqualTo(0x82A4D3CC);
        assertThat(STRING_INT.bucketOf(key, 16)).isEqualTo(12);
    }

    @Test
    void decimalTimestampAndBooleanKeyHashesAsSpecified() {
        Object[] key = {new BigDecimal("-1.234"), -1L, true};
        byte[] expected = ByteBuffer.allocate(22).put((byte) 0x06).putInt(3).putInt(2).put(new byte[] {(byte) 0xFB, 0x2E})
                .put((byte) 0x08).putLong(-1).put((byte) 0x03).put((byte) 1).array();
        assertThat(DECIMAL_TIMESTAMP_BOOLEAN.canonicalBytes(key)).isEqualTo(expected);
        assertThat(DECIMAL_TIMESTAMP_BOOLEAN.hash(key)).isEqualTo(crc32c(expected)).isEqualTo(0x40D3D37A);
        assertThat(DECIMAL_TIMESTAMP_BOOLEAN.bucketOf(key, 1000)).isEqualTo(58);
    }

    @Test
    void binaryDoubleAndDateKeyHashesAsSpecifiedWithNegativeZeroAsZero() {
        Object[] key = {new byte[] {0, (byte) 0xFF}, -0.0, 19000};
        byte[] expected = ByteBuffer.allocate(25).put((byte) 0x02).putInt(2).put(new byte[] {0, (byte) 0xFF})
                .put((byte) 0x05).putLong(0L).put((byte) 0x07).putLong(19000).array();
        assertThat(BINARY_DOUBLE_DATE.canonicalBytes(key)).isEqualTo(expected);
        assertThat(BINARY_DOUBLE_DATE.hash(key)).isEqualTo(crc32c(expected)).isEqualTo(0x3CD30995);
        assertThat(BINARY_DOUBLE_DATE.bucketOf(key, 7)).isEqualTo(2);
    }

    @Test
    void bucketIsTheUnsignedRemainder() {
        // 0x82A4D3CC is negative as an int; a signed remainder would give a negative bucket.
        assertThat(STRING_INT.bucketOf(new Object[] {"azof", 42}, 1000)).isEqualTo((int) (0x82A4D3CCL % 1000));
    }

    @Test
    void integralTypesShareAnEncodingSoWideningKeepsBuckets() {
        byte[] asLong = KeyHashing.of(List.of(PrimitiveType.LONG)).canonicalBytes(new Object[] {5L});
        assertThat(KeyHashing.of(List.of(PrimitiveType.BYTE)).canonicalBytes(new Object[] {(byte) 5})).isEqualTo(asLong);
        assertThat(KeyHashing.of(List.of(PrimitiveType.SHORT)).canonicalBytes(new Object[] {(short) 5})).isEqualTo(asLong);
        assertThat(KeyHashing.of(List.of(PrimitiveType.INTEGER)).canonicalBytes(new Object[] {5})).isEqualTo(asLong);
        assertThat(KeyHashing.of(List.of(PrimitiveType.DATE)).canonicalBytes(new Object[] {5})).isNotEqualTo(asLong);
    }

    @Test
    void floatWidensToDoubleAndEveryNanIsOne() {
        KeyHashing floats = KeyHashing.of(List.of(PrimitiveType.FLOAT));
        KeyHashing doubles = KeyHashing.of(List.of(PrimitiveType.DOUBLE));
        assertThat(floats.canonicalBytes(new Object[] {1.5f})).isEqualTo(doubles.canonicalBytes(new Object[] {1.5}));
        assertThat(floats.canonicalBytes(new Object[] {-0.0f})).isEqualTo(doubles.canonicalBytes(new Object[] {0.0}));
        assertThat(floats.canonicalBytes(new Object[] {Float.intBitsToFloat(0x7FC00001)}))
                .isEqualTo(doubles.canonicalBytes(new Object[] {Double.longBitsToDouble(0xFFF0000000000001L)}))
                .isEqualTo(ByteBuffer.allocate(9).put((byte) 0x05).putLong(0x7FF8000000000000L).array());
    }

    @Test
    void decimalIsEncodedAtItsTypesScale() {
        KeyHashing hashing = KeyHashing.of(List.of(new DecimalType(10, 2)));
        assertThat(hashing.canonicalBytes(new Object[] {new BigDecimal("1.5")}))
                .isEqualTo(hashing.canonicalBytes(new Object[] {new BigDecimal("1.50")}))
                // 150 needs a leading zero byte to stay positive in two's complement.
                .isEqualTo(ByteBuffer.allocate(11).put((byte) 0x06).putInt(2).putInt(2).put((byte) 0).put((byte) 150).array());
        assertThatThrownBy(() -> hashing.canonicalBytes(new Object[] {new BigDecimal("1.505")}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column 0 (decimal(10,2)) holds 1.505, which has more fraction digits than the type's scale");
    }

    @Test
    void nullKeyValueIsRefusedNamingTheColumn() {
        KeyHashing named = KeyHashing.of(StructType.of(new StructField("id", PrimitiveType.STRING, false)));
        assertThatThrownBy(() -> named.bucketOf(new Object[] {null}, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column 'id' (string) is null; key values may not be null");
    }

    @Test
    void refusesANonPositiveBucketCountAndNestedKeyTypes() {
        assertThatThrownBy(() -> STRING_INT.bucketOf(new Object[] {"a", 1}, 0))
                .hasMessage("the number of buckets must be positive, got 0");
        assertThatThrownBy(() -> KeyHashing.of(List.of(new MapType(PrimitiveType.STRING, PrimitiveType.STRING, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key column 0 has type map<string, string>, which has no order");
    }

    @Property(tries = 200)
    void bucketsAreDeterministicAndInRange(@ForAll("keys") Object[] key, @ForAll @IntRange(min = 1, max = 100_000) int buckets) {
        int bucket = STRING_INT.bucketOf(key, buckets);
        assertThat(bucket).isBetween(0, buckets - 1);
        assertThat(STRING_INT.bucketOf(new Object[] {new String((String) key[0]), Integer.valueOf((Integer) key[1])}, buckets))
                .isEqualTo(bucket);
    }

    @Property(tries = 200)
    void hasherGivesTheBucketOfTheSameKeyWithStringsAsUtf8Bytes(@ForAll("keys") Object[] key,
                                                                 @ForAll @IntRange(min = 1, max = 100_000) int buckets) {
        byte[] utf8 = ((String) key[0]).getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[utf8.length + 3];
        System.arraycopy(utf8, 0, padded, 2, utf8.length);
        KeyHashing.Hasher hasher = STRING_INT.newHasher();
        // Twice, as a hasher is reused from one key to the next.
        for (int i = 0; i < 2; i++) {
            assertThat(hasher.start().utf8(padded, 2, utf8.length).value(key[1]).bucket(buckets)).isEqualTo(STRING_INT.bucketOf(key, buckets));
            assertThat(hasher.start().value(key[0]).value(key[1]).bucket(buckets)).isEqualTo(STRING_INT.bucketOf(key, buckets));
        }
    }

    @Test
    void hasherTakesEveryTypeAsBucketOfDoes() {
        Object[] decimalKey = {new BigDecimal("-1.234"), -1L, true};
        Object[] binaryKey = {new byte[] {0, (byte) 0xFF}, -0.0, 19000};
        assertThat(DECIMAL_TIMESTAMP_BOOLEAN.newHasher().start().value(decimalKey[0]).value(decimalKey[1]).value(decimalKey[2]).bucket(1000))
                .isEqualTo(DECIMAL_TIMESTAMP_BOOLEAN.bucketOf(decimalKey, 1000)).isEqualTo(58);
        assertThat(BINARY_DOUBLE_DATE.newHasher().start().value(binaryKey[0]).value(binaryKey[1]).value(binaryKey[2]).bucket(7))
                .isEqualTo(BINARY_DOUBLE_DATE.bucketOf(binaryKey, 7)).isEqualTo(2);
    }

    @Test
    void hasherRefusesKeysOfTheWrongShape() {
        KeyHashing.Hasher hasher = STRING_INT.newHasher();
        assertThatThrownBy(() -> hasher.start().value("a").bucket(4)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the key has 2 columns, but 1 were given");
        assertThatThrownBy(() -> hasher.start().value("a").utf8(new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column 1 has type integer, not string");
        assertThatThrownBy(() -> hasher.start().value("a").value(1).value(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hasher.start().value(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column 0 (string) is null; key values may not be null");
    }

    @Provide
    Arbitrary<Object[]> keys() {
        return Combinators.combine(TestArbitraries.strings(), net.jqwik.api.Arbitraries.integers())
                .as((s, i) -> new Object[] {s, i});
    }
}
