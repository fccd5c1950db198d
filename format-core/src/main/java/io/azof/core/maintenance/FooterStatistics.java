package io.azof.core.maintenance;

import io.azof.core.time.Micros;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The smallest and largest value of a top-level column over a whole file, from the min/max statistics of
 * its footer, in the value representation of {@link DataType}. Checking recorded statistics this way costs
 * no record reads.
 */
final class FooterStatistics {
    private FooterStatistics() {
    }

    /**
     * {@code [min, max]}, or null when they cannot be known from the footer: the column is missing or not
     * primitive, a row group with values has no statistics (writers drop them for very long values), or the
     * stored type has no conversion here (int96 timestamps). Also null when every value is null.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object[] minMax(ParquetMetadata footer, String column, DataType type) {
        MessageType schema = footer.getFileMetaData().getSchema();
        if (!schema.containsField(column) || !schema.getType(column).isPrimitive()) {
            return null;
        }
        org.apache.parquet.schema.PrimitiveType stored = schema.getType(column).asPrimitiveType();
        ColumnPath path = ColumnPath.get(column);
        Comparable min = null;
        Comparable max = null;
        for (BlockMetaData block : footer.getBlocks()) {
            if (block.getRowCount() == 0) {
                continue;
            }
            ColumnChunkMetaData chunk = block.getColumns().stream().filter(c -> c.getPath().equals(path)).findFirst().orElse(null);
            Statistics statistics = chunk == null ? null : chunk.getStatistics();
            if (statistics == null || statistics.isEmpty()) {
                return null;
            }
            if (!statistics.hasNonNullValue()) {
                if (statistics.isNumNullsSet() && statistics.getNumNulls() >= chunk.getValueCount()) {
                    continue; // only nulls here: nothing to bound
                }
                return null;
            }
            if (min == null || statistics.comparator().compare(statistics.genericGetMin(), min) < 0) {
                min = statistics.genericGetMin();
            }
            if (max == null || statistics.comparator().compare(statistics.genericGetMax(), max) > 0) {
                max = statistics.genericGetMax();
            }
        }
        if (min == null) {
            return null;
        }
        Object low = value(min, stored, type);
        Object high = value(max, stored, type);
        return low == null || high == null ? null : new Object[] {low, high};
    }

    /** A statistics value as {@code type} represents it, or null when this stored form is not converted. */
    private static Object value(Object stored, org.apache.parquet.schema.PrimitiveType storedType, DataType type) {
        PrimitiveTypeName physical = storedType.getPrimitiveTypeName();
        if (type instanceof DecimalType decimal) {
            if (stored instanceof Integer i) {
                return BigDecimal.valueOf(i, decimal.scale());
            }
            if (stored instanceof Long l) {
                return BigDecimal.valueOf(l, decimal.scale());
            }
            return stored instanceof Binary b ? new BigDecimal(new BigInteger(b.getBytes()), decimal.scale()) : null;
        }
        if (!(type instanceof PrimitiveType primitive)) {
            return null;
        }
        return switch (primitive) {
            case STRING -> stored instanceof Binary b ? b.toStringUsingUTF8() : null;
            case BINARY -> stored instanceof Binary b ? b.getBytes() : null;
            case BOOLEAN -> stored instanceof Boolean ? stored : null;
            case BYTE -> stored instanceof Integer i ? i.byteValue() : null;
            case SHORT -> stored instanceof Integer i ? i.shortValue() : null;
            case INTEGER, DATE -> stored instanceof Integer ? stored : null;
            case LONG -> stored instanceof Integer i ? Long.valueOf(i) : stored instanceof Long ? stored : null;
            case TIMESTAMP -> physical == PrimitiveTypeName.INT64 && stored instanceof Long l ? micros(l, storedType) : null;
            case FLOAT, DOUBLE -> null;
        };
    }

    private static Long micros(long value, Type stored) {
        if (!(stored.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation timestamp)) {
            return null;
        }
        return Micros.fromUnit(value, switch (timestamp.getUnit()) {
            case MILLIS -> TimeUnit.MILLISECONDS;
            case MICROS -> TimeUnit.MICROSECONDS;
            case NANOS -> TimeUnit.NANOSECONDS;
        });
    }
}
