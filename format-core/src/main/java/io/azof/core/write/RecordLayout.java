package io.azof.core.write;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyHashing;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.StructField;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * Where the parts of a write record sit, and the pure decisions made on them: which segment and bucket
 * a record goes to, the order records are written in, and the checks every record must pass.
 *
 * <p>A write record is an {@code Object[]} with the table's columns in schema order followed by one
 * {@link Boolean}: true for a delete record.
 */
public final class RecordLayout implements Serializable {
    private final TableDefinition table;
    private final int[] keyIndexes;
    private final int eventTimeIndex;
    private final int deletedIndex;
    private final int[] requiredPayloadIndexes;
    private transient KeyHashing hashing;
    private transient KeyOrdering ordering;

    public RecordLayout(TableDefinition table) {
        this.table = table;
        List<StructField> fields = table.schema().fields();
        this.keyIndexes = table.keyColumns().stream().mapToInt(k -> table.schema().fieldIndex(k)).toArray();
        this.eventTimeIndex = table.schema().fieldIndex(table.eventTimeColumn());
        this.deletedIndex = fields.size();
        this.requiredPayloadIndexes = table.payloadFields().stream()
                .filter(f -> !f.nullable())
                .mapToInt(f -> table.schema().fieldIndex(f.name()))
                .toArray();
    }

    public TableDefinition table() {
        return table;
    }

    public int width() {
        return deletedIndex + 1;
    }

    public Object[] key(Object[] record) {
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            key[i] = record[keyIndexes[i]];
        }
        return key;
    }

    public long eventTime(Object[] record) {
        return (Long) record[eventTimeIndex];
    }

    public boolean isDelete(Object[] record) {
        return (Boolean) record[deletedIndex];
    }

    public int bucketOf(Object[] record) {
        return hashing().bucketOf(key(record), table.buckets());
    }

    public SegmentRange segmentOf(Object[] record) {
        return table.granularity().segmentOf(eventTime(record));
    }

    /**
     * Rejects a record with a null key or event time, or (for an upsert) a null in a non-nullable payload
     * column, naming the column.
     */
    private void check(Object[] record) {
        for (int i = 0; i < keyIndexes.length; i++) {
            if (record[keyIndexes[i]] == null) {
                throw new InvalidWriteException("Key column '" + table.keyColumns().get(i)
                        + "' is null in a row being written; keys may not be null. Nothing was committed.");
            }
        }
        if (record[eventTimeIndex] == null) {
            throw new InvalidWriteException("Event-time column '" + table.eventTimeColumn() + "' is null in the row with key "
                    + describeKey(record) + "; event times may not be null. Nothing was committed.");
        }
        if (!isDelete(record)) {
            for (int index : requiredPayloadIndexes) {
                if (record[index] == null) {
                    throw new InvalidWriteException("Column '" + table.schema().field(index).name() + "' is declared not null but is null"
                            + " in the row with key " + describeKey(record) + ". Nothing was committed.");
                }
            }
        }
    }

    /**
     * Where a record goes and where it sorts; computed once per record, compared many times. A plain class
     * rather than a record: engines shuffle it, and Kryo (Spark's usual serializer) cannot build records.
     */
    public static final class SortKey implements Serializable {
        private final int bucket;
        private final long segmentStart;
        private final Object[] key;
        private final long eventTime;

        public SortKey(int bucket, long segmentStart, Object[] key, long eventTime) {
            this.bucket = bucket;
            this.segmentStart = segmentStart;
            this.key = key;
            this.eventTime = eventTime;
        }

        public int bucket() {
            return bucket;
        }

        public long segmentStart() {
            return segmentStart;
        }

        public Object[] key() {
            return key;
        }

        public long eventTime() {
            return eventTime;
        }
    }

    /**
     * Checks a record and places it. Records are written in the order of their sort keys: bucket, segment,
     * key, event time. A record that cannot be placed (null key or event time) or stored (null in a
     * non-nullable column) is rejected here, before anything is written.
     *
     * @throws InvalidWriteException naming the column
     */
    public SortKey sortKey(Object[] record) {
        check(record);
        return new SortKey(bucketOf(record), segmentOf(record).startMicros(), key(record), eventTime(record));
    }

    public Comparator<SortKey> writeOrder() {
        Comparator<Object[]> keys = ordering();
        return Comparator.comparingInt(SortKey::bucket)
                .thenComparingLong(SortKey::segmentStart)
                .thenComparing(SortKey::key, keys)
                .thenComparingLong(SortKey::eventTime);
    }

    /** True when two records have the same key and event time (so one write may not hold both). */
    public boolean sameKeyAndTime(SortKey a, SortKey b) {
        return a.eventTime() == b.eventTime() && ordering().compare(a.key(), b.key()) == 0;
    }

    /** True when two records have the same key. */
    public boolean sameKey(SortKey a, SortKey b) {
        return ordering().compare(a.key(), b.key()) == 0;
    }

    /** The record's key as users write it, e.g. {@code (ticker=ACME, day=2024-01-01)}. */
    public String describeKey(Object[] record) {
        return table.describeKey(key(record));
    }

    private KeyHashing hashing() {
        if (hashing == null) {
            hashing = KeyHashing.of(table.keySchema());
        }
        return hashing;
    }

    private KeyOrdering ordering() {
        if (ordering == null) {
            ordering = KeyOrdering.of(table.keySchema());
        }
        return ordering;
    }
}
