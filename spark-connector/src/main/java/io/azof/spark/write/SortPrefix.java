package io.azof.spark.write;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.time.Micros;
import java.io.Serializable;
import java.time.Instant;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A long that sorts placed rows as write order does, as far as 63 bits can tell: Spark's sorter keeps the first sort
 * column of each row as a prefix beside its pointer and compares whole rows only when prefixes tie, so write order
 * begins with this column. Sorting by (prefix, bucket, segment, key, event time) is write order because the prefix never
 * decreases along it: it packs, from the top,
 * <ol>
 *   <li>the bucket, in as many bits as the number of buckets needs;</li>
 *   <li>the segment's ordinal: its start in units no longer than the shortest segment of the granularity (so that
 *       segments get distinct ordinals), counted from 1900 and kept within a few centuries (a segment outside them is
 *       clamped to the end of the range and its lower bits set to all zeros below it or all ones above it, so that the
 *       prefix still never decreases: it only ties);</li>
 *   <li>the leading bits of the first key column in the remaining bits, for strings (their first bytes, as UTF-8 orders
 *       them), integral types, dates, timestamps and booleans; none for other types.</li>
 * </ol>
 * Within a bucket and segment, as in a monthly append, rows then mostly sort by their prefix alone.
 */
final class SortPrefix implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long DAY = 86_400_000_000L;
    private static final long BASE = Micros.of(Instant.parse("1900-01-01T00:00:00Z"));

    private final int keyBits;
    private final int segmentBits;
    private final long unit;
    private final long maxOrdinal;
    private final KeyKind key;

    private enum KeyKind { NONE, STRING, BOOLEAN, BYTE, SHORT, INT, LONG }

    SortPrefix(int buckets, SegmentGranularity granularity, DataType firstKeyType) {
        int bucketBits = 32 - Integer.numberOfLeadingZeros(Math.max(buckets - 1, 0));
        // Units no longer than the shortest segment; bits for about five centuries from 1900.
        this.unit = switch (granularity) {
            case DAY -> DAY;
            case MONTH -> 28 * DAY;
            case QUARTER -> 90 * DAY;
            case YEAR -> 365 * DAY;
        };
        this.segmentBits = switch (granularity) {
            case DAY -> 18;
            case MONTH -> 13;
            case QUARTER -> 11;
            case YEAR -> 9;
        };
        this.maxOrdinal = (1L << segmentBits) - 1;
        this.keyBits = Math.max(0, 63 - bucketBits - segmentBits);
        this.key = keyBits == 0 ? KeyKind.NONE : kindOf(firstKeyType);
    }

    private static KeyKind kindOf(DataType type) {
        if (type instanceof StringType) {
            return KeyKind.STRING;
        }
        if (type instanceof BooleanType) {
            return KeyKind.BOOLEAN;
        }
        if (type instanceof ByteType) {
            return KeyKind.BYTE;
        }
        if (type instanceof ShortType) {
            return KeyKind.SHORT;
        }
        if (type instanceof IntegerType || type instanceof DateType) {
            return KeyKind.INT;
        }
        if (type instanceof LongType || type instanceof TimestampType) {
            return KeyKind.LONG;
        }
        return KeyKind.NONE;
    }

    /** The prefix of a row of {@code bucket} and the segment starting at {@code segmentStart}, whose first key column is at {@code keyOrdinal}. */
    long of(int bucket, long segmentStart, InternalRow row, int keyOrdinal) {
        long ordinal = Math.floorDiv(segmentStart - BASE, unit);
        long low;
        if (ordinal < 0) {
            ordinal = 0;
            low = 0;
        } else if (ordinal > maxOrdinal) {
            ordinal = maxOrdinal;
            low = keyBits == 0 ? 0 : -1L >>> (64 - keyBits);
        } else {
            low = keyBits == 0 ? 0 : keyBits(row, keyOrdinal) >>> (64 - keyBits);
        }
        return ((long) bucket << (segmentBits + keyBits)) | (ordinal << keyBits) | low;
    }

    /** The key's leading bits as an unsigned 64-bit number that orders as the key does. */
    private long keyBits(InternalRow row, int ordinal) {
        return switch (key) {
            case NONE -> 0;
            case STRING -> leadingBytes(row.getUTF8String(ordinal));
            case BOOLEAN -> row.getBoolean(ordinal) ? Long.MIN_VALUE : 0;
            case BYTE -> row.getByte(ordinal) ^ Long.MIN_VALUE;
            case SHORT -> row.getShort(ordinal) ^ Long.MIN_VALUE;
            case INT -> row.getInt(ordinal) ^ Long.MIN_VALUE;
            case LONG -> row.getLong(ordinal) ^ Long.MIN_VALUE;
        };
    }

    /** The first eight bytes, big-endian, zero-padded: unsigned order is the strings' byte order up to ties. */
    private static long leadingBytes(UTF8String string) {
        Object base = string.getBaseObject();
        long offset = string.getBaseOffset();
        int length = Math.min(8, string.numBytes());
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            bytes |= (Platform.getByte(base, offset + i) & 0xFFL) << (56 - 8 * i);
        }
        return bytes;
    }
}
