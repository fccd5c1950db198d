package io.azof.spark.write;

import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Whether a Spark string holds well-formed UTF-8. Spark lets a string hold any bytes (a binary cast to string), while
 * azof's writer has always stored a string as Java decodes it (a malformed sequence becomes U+FFFD) and ordered and
 * hashed it that way. The write path works on the bytes, so a string that is not well-formed is replaced by what Java
 * makes of it before it is placed: files, order and buckets stay as they were.
 */
final class Utf8 {
    private static final long ASCII_MASK = 0x8080808080808080L;

    private Utf8() {
    }

    /** The string as azof stores it: itself when well-formed, otherwise its bytes as Java decodes and re-encodes them. */
    static UTF8String wellFormed(UTF8String string) {
        return isWellFormed(string) ? string : UTF8String.fromString(string.toString());
    }

    /** Well-formed UTF-8 as Unicode defines it (table 3-7), which is what Java's decoder accepts. */
    static boolean isWellFormed(UTF8String string) {
        Object base = string.getBaseObject();
        long offset = string.getBaseOffset();
        int length = string.numBytes();
        int i = 0;
        // ASCII, eight bytes at a time: the common case.
        while (i + 8 <= length && (Platform.getLong(base, offset + i) & ASCII_MASK) == 0) {
            i += 8;
        }
        while (i < length) {
            int b = Platform.getByte(base, offset + i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int low = 0x80;
            int high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                if (b == 0xE0) {
                    low = 0xA0;
                } else if (b == 0xED) {
                    high = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                if (b == 0xF0) {
                    low = 0x90;
                } else if (b == 0xF4) {
                    high = 0x8F;
                }
            } else {
                return false;
            }
            if (i + extra >= length) {
                return false;
            }
            int second = Platform.getByte(base, offset + i + 1) & 0xFF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= extra; k++) {
                int next = Platform.getByte(base, offset + i + k) & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }
}
