package io.azof.spark.read;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.spark.common.SparkValues;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a scan task with the core's row-at-a-time reader, turning its merged rows {@code [key columns...,
 * eventTimeMicros, requested payload...]} into Spark rows laid out as the pruned read schema. The path of
 * azof 0.2.1 tables, whose unsorted files need the core's first-seen merge.
 */
final class RowPartitionReader implements PartitionReader<InternalRow> {
    private final CloseableIterator<Object[]> rows;
    private final int[] sourceSlots;
    private final DataType[] types;
    private final ScanMetrics metrics = new ScanMetrics();
    private InternalRow current;

    RowPartitionReader(TableStorage storage, ScanTask task, StructType readSchema) {
        this.sourceSlots = sourceSlots(readSchema, task);
        this.types = Arrays.stream(readSchema.fields()).map(StructField::dataType).toArray(DataType[]::new);
        this.rows = task.open(storage, metrics);
    }

    private static int[] sourceSlots(StructType readSchema, ScanTask task) {
        TableDefinition table = task.table();
        int keyWidth = table.keyColumns().size();
        StructField[] fields = readSchema.fields();
        int[] slots = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            if (table.keyColumns().contains(name)) {
                slots[i] = table.keyColumns().indexOf(name);
            } else if (name.equals(table.eventTimeColumn())) {
                slots[i] = keyWidth;
            } else {
                int payloadIndex = task.requestedColumns().indexOf(name);
                if (payloadIndex < 0) {
                    throw new IllegalStateException("Read schema column '" + name + "' was not planned in the scan task "
                            + task.requestedColumns());
                }
                slots[i] = keyWidth + 1 + payloadIndex;
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
            values[i] = SparkValues.toSpark(types[i], merged[sourceSlots[i]]);
        }
        current = new GenericInternalRow(values);
        return true;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return ScanMetricsReport.taskValues(metrics);
    }

    @Override
    public void close() {
        rows.close();
    }
}
