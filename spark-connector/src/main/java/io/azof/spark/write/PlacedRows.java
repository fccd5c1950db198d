package io.azof.spark.write;

import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyHashing;
import io.azof.core.types.TypeWidening;
import io.azof.core.write.PreparedWrite;
import io.azof.core.write.RecordLayout;
import io.azof.spark.common.SparkValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The rows of a write as Spark shuffles and sorts them: each input row, still in Spark's internal form, behind four
 * columns that place it, so that Spark's own exchange and sorter (Tungsten, on binary rows) order the write rather than
 * a comparator over Java objects. Layout of a placed row:
 * <ol start="0">
 *   <li>{@code p} (int): the value whose hash sends the row to its write task ({@link #partitionValues});</li>
 *   <li>{@code x} (long): the row's {@link SortPrefix}, which Spark's sorter compares before whole rows;</li>
 *   <li>{@code b} (int): the row's bucket ({@link KeyHashing});</li>
 *   <li>{@code s} (long): the start of the row's segment, in microseconds;</li>
 *   <li>then the input row's columns as they came, named {@code c0}, {@code c1}, ... (names of the data cannot
 *       clash with the placing ones).</li>
 * </ol>
 * Rows are checked here, on the way in, as {@link RecordLayout#sortKey} checks write records: a null key or event time
 * (or a null in a not-null payload column) fails the write before anything is written, with the core's message. And
 * strings that are not well-formed UTF-8 are replaced by what Java makes of them ({@link Utf8}), as the core stores them.
 *
 * <p>Built on the driver, shipped to executors.
 */
final class PlacedRows implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int PARTITION = 0;
    static final int PREFIX = 1;
    static final int BUCKET = 2;
    static final int SEGMENT_START = 3;
    /** The ordinal of the input row's first column in a placed row. */
    static final int INPUT = 4;

    private final PreparedWrite prepared;
    private final DataType[] inputTypes;
    private final int tasks;
    private final int[] partitionValues;
    private final int[] keyInputOrdinals;
    private final int[] keyTableIndexes;
    private final boolean[] keyIsString;
    private final int eventTimeInputOrdinal;
    private final int[] requiredPayloadInputOrdinals;
    private final int[] stringInputOrdinals;
    private final SortPrefix prefix;

    PlacedRows(PreparedWrite prepared, StructType inputSchema, int tasks) {
        this.prepared = prepared;
        this.inputTypes = Arrays.stream(inputSchema.fields()).map(StructField::dataType).toArray(DataType[]::new);
        this.tasks = tasks;
        this.partitionValues = partitionValues(tasks);
        TableDefinition table = prepared.table();
        this.keyInputOrdinals = table.keyColumns().stream().mapToInt(this::inputOrdinal).toArray();
        this.keyTableIndexes = table.keyColumns().stream().mapToInt(k -> table.schema().fieldIndex(k)).toArray();
        this.keyIsString = new boolean[keyInputOrdinals.length];
        for (int i = 0; i < keyIsString.length; i++) {
            keyIsString[i] = inputTypes[keyInputOrdinals[i]] instanceof StringType;
        }
        this.eventTimeInputOrdinal = inputOrdinal(table.eventTimeColumn());
        this.prefix = new SortPrefix(table.buckets(), table.granularity(), inputTypes[keyInputOrdinals[0]]);
        this.stringInputOrdinals = IntStream.range(0, inputTypes.length).filter(i -> inputTypes[i] instanceof StringType).toArray();
        this.requiredPayloadInputOrdinals = table.payloadFields().stream().filter(f -> !f.nullable())
                .mapToInt(f -> inputOrdinal(f.name())).toArray();
    }

    PreparedWrite prepared() {
        return prepared;
    }

    DataType inputType(int inputOrdinal) {
        return inputTypes[inputOrdinal];
    }

    /** The input ordinal of a table column. */
    int inputOrdinal(String tableColumn) {
        return prepared.inputIndexOfTableColumn()[prepared.table().schema().fieldIndex(tableColumn)];
    }

    int[] keyInputOrdinals() {
        return keyInputOrdinals.clone();
    }

    int eventTimeInputOrdinal() {
        return eventTimeInputOrdinal;
    }

    /**
     * The schema of placed rows. Strings of the key are plain (binary-ordered) strings, whatever collation the data
     * declares, so that Spark sorts keys as azof orders them: by their UTF-8 bytes.
     */
    StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField("p", DataTypes.IntegerType, false, Metadata.empty()));
        fields.add(new StructField("x", DataTypes.LongType, false, Metadata.empty()));
        fields.add(new StructField("b", DataTypes.IntegerType, false, Metadata.empty()));
        fields.add(new StructField("s", DataTypes.LongType, false, Metadata.empty()));
        for (int i = 0; i < inputTypes.length; i++) {
            DataType type = inputTypes[i] instanceof StringType ? DataTypes.StringType : inputTypes[i];
            fields.add(new StructField(column(i), type, true, Metadata.empty()));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** The name of input column {@code inputOrdinal} among placed rows. */
    static String column(int inputOrdinal) {
        return "c" + inputOrdinal;
    }

    /**
     * Places the rows of one input partition. The rows returned are views that the next row replaces, as Spark's own
     * iterators do; the scan that takes them copies each into its binary form at once.
     */
    Iterator<InternalRow> place(Iterator<InternalRow> rows) {
        RecordLayout layout = new RecordLayout(prepared.table());
        KeyHashing.Hasher hasher = KeyHashing.of(prepared.table().keySchema()).newHasher();
        int buckets = prepared.table().buckets();
        GenericInternalRow placement = new GenericInternalRow(INPUT);
        JoinedRow joined = new JoinedRow();
        return new Iterator<>() {
            private SegmentRange segment;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public InternalRow next() {
                InternalRow row = wellFormed(rows.next());
                check(row, layout);
                hasher.start();
                for (int i = 0; i < keyInputOrdinals.length; i++) {
                    if (keyIsString[i]) {
                        UTF8String key = row.getUTF8String(keyInputOrdinals[i]);
                        if (key.getBaseObject() instanceof byte[] bytes) {
                            hasher.utf8(bytes, (int) (key.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), key.numBytes());
                        } else {
                            byte[] copy = key.getBytes();
                            hasher.utf8(copy, 0, copy.length);
                        }
                    } else {
                        hasher.value(keyValue(row, 0, i));
                    }
                }
                int bucket = hasher.bucket(buckets);
                long eventTime = row.getLong(eventTimeInputOrdinal);
                if (segment == null || eventTime < segment.startMicros() || eventTime > segment.endMicros()) {
                    segment = prepared.table().granularity().segmentOf(eventTime);
                }
                placement.setInt(PARTITION, partitionValues[bucket % tasks]);
                placement.setLong(PREFIX, prefix.of(bucket, segment.startMicros(), row, keyInputOrdinals[0]));
                placement.setInt(BUCKET, bucket);
                placement.setLong(SEGMENT_START, segment.startMicros());
                return joined.apply(placement, row);
            }
        };
    }

    /** The row, or a copy whose strings that are not well-formed UTF-8 are replaced ({@link Utf8}). */
    private InternalRow wellFormed(InternalRow row) {
        boolean wellFormed = true;
        for (int ordinal : stringInputOrdinals) {
            wellFormed &= row.isNullAt(ordinal) || Utf8.isWellFormed(row.getUTF8String(ordinal));
        }
        if (wellFormed) {
            return row;
        }
        Object[] values = new Object[inputTypes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? null : row.get(i, inputTypes[i]);
        }
        for (int ordinal : stringInputOrdinals) {
            if (values[ordinal] != null) {
                values[ordinal] = Utf8.wellFormed((UTF8String) values[ordinal]);
            }
        }
        return new GenericInternalRow(values);
    }

    /**
     * Key column {@code keyIndex} as the table's value (widened to the table's type if need be), of a row holding the
     * input row's columns from ordinal {@code offset} on (0 for an input row, {@link #INPUT} for a placed row).
     */
    Object keyValue(InternalRow row, int offset, int keyIndex) {
        return tableValue(row, offset, keyInputOrdinals[keyIndex], keyTableIndexes[keyIndex]);
    }

    /** Input column {@code inputOrdinal} as the value of table column {@code tableIndex}; {@code offset} as for {@link #keyValue}. */
    Object tableValue(InternalRow row, int offset, int inputOrdinal, int tableIndex) {
        Object value = SparkValues.fromSpark(row, offset + inputOrdinal, inputTypes[inputOrdinal]);
        io.azof.core.types.DataType narrower = prepared.inputTypeToWiden()[tableIndex];
        return narrower == null ? value : TypeWidening.widen(value, narrower, prepared.table().schema().field(tableIndex).type());
    }

    /** Rejects a row the core would reject, with the core's message: the rejection is built from the row as a write record. */
    private void check(InternalRow row, RecordLayout layout) {
        boolean suspect = row.isNullAt(eventTimeInputOrdinal);
        for (int ordinal : keyInputOrdinals) {
            suspect |= row.isNullAt(ordinal);
        }
        for (int ordinal : requiredPayloadInputOrdinals) {
            suspect |= row.isNullAt(ordinal);
        }
        if (suspect) {
            // Throws for a null key or event time, and for a null payload unless the row is a delete.
            layout.sortKey(prepared.toRecord(inputValues(row)));
        }
    }

    private Object[] inputValues(InternalRow row) {
        Object[] values = new Object[inputTypes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = SparkValues.fromSpark(row, i, inputTypes[i]);
        }
        return values;
    }

    /**
     * For each write task t, an int that Spark's hash partitioning ({@code pmod(murmur3(value, 42), tasks)}, which bucketed
     * tables rely on and so never changes) sends to task t: repartitioning by these values spreads the buckets over the
     * tasks as evenly as {@code bucket % tasks}, where hashing the bucket numbers themselves could put two of four buckets
     * in one task and none in another. Were Spark ever to hash differently, the buckets would still each go to one task
     * (all the write needs); only the balance would suffer.
     */
    static int[] partitionValues(int tasks) {
        int[] values = new int[tasks];
        boolean[] found = new boolean[tasks];
        int missing = tasks;
        for (int value = 0; missing > 0; value++) {
            int task = Math.floorMod(Murmur3_x86_32.hashInt(value, 42), tasks);
            if (!found[task]) {
                found[task] = true;
                values[task] = value;
                missing--;
            }
        }
        return values;
    }
}
