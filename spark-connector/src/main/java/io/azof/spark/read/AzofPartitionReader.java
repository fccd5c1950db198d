package io.azof.spark.read;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.TableSchema;
import io.azof.core.scan.ScanTask;
import io.azof.core.scan.ScanTaskReader;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns the core's merged rows {@code [key, eventTimeMicros, requested payload...]} into Spark rows laid
 * out as the pruned read schema. Timestamps need no conversion: both sides use epoch microseconds.
 */
final class AzofPartitionReader implements PartitionReader<InternalRow> {
    private static final int KEY_SLOT = 0;
    private static final int EVENT_TIME_SLOT = 1;
    private static final int FIRST_PAYLOAD_SLOT = 2;

    private final CloseableIterator<Object[]> rows;
    private final int[] sourceSlots;
    private InternalRow current;

    AzofPartitionReader(TableStorage storage, ScanTask task, StructType readSchema) {
        this.sourceSlots = sourceSlots(readSchema, task);
        this.rows = ScanTaskReader.read(storage, task);
    }

    private static int[] sourceSlots(StructType readSchema, ScanTask task) {
        StructField[] fields = readSchema.fields();
        int[] slots = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            if (name.equals(TableSchema.KEY_COLUMN)) {
                slots[i] = KEY_SLOT;
            } else if (name.equals(TableSchema.EVENT_TIME_COLUMN)) {
                slots[i] = EVENT_TIME_SLOT;
            } else {
                int payloadIndex = task.requestedColumns().indexOf(name);
                if (payloadIndex < 0) {
                    throw new IllegalStateException("Read schema column '" + name + "' was not planned in the scan task "
                            + task.requestedColumns());
                }
                slots[i] = FIRST_PAYLOAD_SLOT + payloadIndex;
            }
        }
        return slots;
    }

    @Override
    public boolean next() {
        if (!rows.hasNext()) {
            return false;
        }
        Object[] merged = rows.next();
        Object[] values = new Object[sourceSlots.length];
        for (int i = 0; i < sourceSlots.length; i++) {
            Object value = merged[sourceSlots[i]];
            values[i] = value instanceof String text ? UTF8String.fromString(text) : value;
        }
        current = new GenericInternalRow(values);
        return true;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public void close() {
        rows.close();
    }
}
