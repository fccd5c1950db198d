package io.azof.spark.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.time.Micros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The sort prefix never decreases along write order (bucket, segment, key), whatever the granularity, the key's type
 * and the segment (far outside the prefix's range too), so that sorting by it first keeps write order.
 */
class SortPrefixTest {
    private record Placed(int bucket, long segmentStart, Object key, long prefix) {
    }

    @Test
    void neverDecreasesAlongWriteOrder() {
        Random random = new Random(3);
        DataType[] types = {DataTypes.StringType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.ShortType, DataTypes.ByteType,
            DataTypes.BooleanType, DataTypes.DateType, DataTypes.TimestampType, DataTypes.createDecimalType(10, 2)};
        for (SegmentGranularity granularity : SegmentGranularity.values()) {
            for (DataType type : types) {
                for (int buckets : new int[] {1, 4, 7, 1024}) {
                    check(random, granularity, type, buckets);
                }
            }
        }
    }

    private static void check(Random random, SegmentGranularity granularity, DataType type, int buckets) {
        SortPrefix prefix = new SortPrefix(buckets, granularity, type);
        List<Placed> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int bucket = random.nextInt(buckets);
            // Mostly a few segments, some anywhere from year 1 to 9999.
            Instant at = random.nextInt(10) == 0
                    ? Instant.parse("0001-01-01T00:00:00Z").plusSeconds((long) (random.nextDouble() * 315_000_000_000L))
                    : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(200 * 86_400));
            long segmentStart = granularity.segmentOf(Micros.of(at)).startMicros();
            Object key = key(random, type);
            InternalRow row = new GenericInternalRow(new Object[] {key});
            rows.add(new Placed(bucket, segmentStart, key, prefix.of(bucket, segmentStart, row, 0)));
        }
        Comparator<Object> keys = (a, b) -> a instanceof UTF8String s ? s.compareTo((UTF8String) b)
                : a instanceof org.apache.spark.sql.types.Decimal d ? d.compare((org.apache.spark.sql.types.Decimal) b)
                : a instanceof Boolean f ? Boolean.compare(f, (Boolean) b)
                : Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        rows.sort(Comparator.comparingInt(Placed::bucket).thenComparingLong(Placed::segmentStart).thenComparing(Placed::key, keys));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).prefix()).as(granularity + ", " + type + ", " + buckets + " buckets: " + rows.get(i - 1) + " then " + rows.get(i))
                    .isGreaterThanOrEqualTo(rows.get(i - 1).prefix()).isNotNegative();
        }
    }

    private static Object key(Random random, DataType type) {
        if (type == DataTypes.StringType) {
            // Short and long, sharing leading bytes, some beyond ASCII.
            String[] parts = {"k", "k0", "é", "\uD83D\uDE00", "zz", "", "k000000"};
            StringBuilder key = new StringBuilder();
            for (int i = random.nextInt(4); i >= 0; i--) {
                key.append(parts[random.nextInt(parts.length)]).append(random.nextInt(3));
            }
            return UTF8String.fromString(key.toString());
        }
        if (type == DataTypes.BooleanType) {
            return random.nextBoolean();
        }
        if (type == DataTypes.ByteType) {
            return (byte) random.nextInt();
        }
        if (type == DataTypes.ShortType) {
            return (short) random.nextInt();
        }
        if (type == DataTypes.IntegerType || type == DataTypes.DateType) {
            return random.nextBoolean() ? random.nextInt() : random.nextInt(100) - 50;
        }
        if (type == DataTypes.LongType || type == DataTypes.TimestampType) {
            return random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100) - 50;
        }
        return org.apache.spark.sql.types.Decimal.apply(random.nextInt(100_000), 10, 2);
    }
}
