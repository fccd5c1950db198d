package io.azof.spark.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Well-formed UTF-8 is exactly what Java's decoder keeps as it is. */
class Utf8Test {
    private static boolean javaKeeps(byte[] bytes) {
        return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void agreesWithJavasDecoderOnRandomAndEdgeBytes() {
        Random random = new Random(11);
        byte[][] edges = {
            {}, {0x61}, {(byte) 0xC2, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}, {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xFF},
            "é\uD83D\uDE00\uE000 long ascii text".getBytes(StandardCharsets.UTF_8)};
        for (byte[] bytes : edges) {
            assertThat(Utf8.isWellFormed(UTF8String.fromBytes(bytes))).as(Arrays.toString(bytes)).isEqualTo(javaKeeps(bytes));
        }
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = new byte[random.nextInt(20)];
            for (int j = 0; j < bytes.length; j++) {
                int kind = random.nextInt(4);
                bytes[j] = (byte) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? 0x80 + random.nextInt(0x40) : random.nextInt(256));
            }
            // Also at an offset inside a larger array, as rows hold strings.
            byte[] padded = new byte[bytes.length + 5];
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            UTF8String inside = UTF8String.fromBytes(padded, 3, bytes.length);
            assertThat(Utf8.isWellFormed(inside)).as(Arrays.toString(bytes)).isEqualTo(javaKeeps(bytes));
            assertThat(Utf8.wellFormed(inside).getBytes())
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        }
    }
}
