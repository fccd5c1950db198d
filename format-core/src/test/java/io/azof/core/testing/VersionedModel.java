package io.azof.core.testing;

import io.azof.core.types.DataType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code state(T, V)} of SPEC section 1 for format version 2 tables, computed from the records each version
 * holds, with no files, no planner and no sort order. Deliberately naive so that it is obviously right:
 * every version keeps its own full list of records, and a read scans it.
 *
 * <p>Values are held normalised (see {@link #normalise}) so that plain {@code equals} compares them.
 *
 * <p>Each version may also have a payload schema. A row keeps the payload it was written with; read at a version
 * whose schema has more columns (added later, always after the others) it has none in them, and a column whose type
 * widened since gives its value as the wider type: {@link #payloadAt}.
 */
public final class VersionedModel {
    /** The as-of time "current": +infinity, later than any event time a test writes. */
    public static final long CURRENT = Long.MAX_VALUE;

    /** A row as a write hands it over: key values, event time, payload values, and whether it deletes its key. */
    public record Row(List<Object> key, long eventTimeMicros, List<Object> payload, boolean delete) {
        public Row {
            key = normalise(key);
            payload = normalise(payload);
        }
    }

    /** A row in the table, with the version whose commit added it. */
    public record VersionedRecord(Row row, long version) {
    }

    /** A binary value compared by content. */
    public record Bytes(String hex) {
        @Override
        public String toString() {
            return "0x" + hex;
        }
    }

    /** tables.get(v - 1): every record of version v's table. */
    private final List<List<VersionedRecord>> tables = new ArrayList<>();
    private final List<Long> commitTimes = new ArrayList<>();
    /** schemas.get(v - 1): the payload columns of version v, or null when the caller does not track schemas. */
    private final List<List<StructField>> schemas = new ArrayList<>();
    private final Set<String> writeIds = new HashSet<>();

    /** The latest version, 0 before the first commit. */
    public long latestVersion() {
        return tables.size();
    }

    /** True when a write with this id was committed, so a retry of it must commit nothing. */
    public boolean committed(String writeId) {
        return writeId != null && writeIds.contains(writeId);
    }

    /**
     * Commits a write as the next version: an append adds {@code rows} to the latest table, an overwrite
     * replaces it. The commit time is the clock's, unless that is not after the previous commit's, which
     * then gains one millisecond (SPEC 6.6), so commit times strictly increase.
     *
     * @return the new version
     */
    public long commit(boolean overwrite, List<Row> rows, String writeId, long clockMillis) {
        return commit(overwrite, rows, writeId, clockMillis, schemas.isEmpty() ? null : schemas.get(schemas.size() - 1));
    }

    /** As {@link #commit(boolean, List, String, long)}, the new version having the payload columns {@code payloadSchema}. */
    public long commit(boolean overwrite, List<Row> rows, String writeId, long clockMillis, List<StructField> payloadSchema) {
        schemas.add(payloadSchema == null ? null : List.copyOf(payloadSchema));
        long version = tables.size() + 1L;
        List<VersionedRecord> table = new ArrayList<>(overwrite || tables.isEmpty() ? List.of() : tables.get(tables.size() - 1));
        for (Row row : rows) {
            table.add(new VersionedRecord(row, version));
        }
        tables.add(table);
        commitTimes.add(commitTimes.isEmpty() ? clockMillis : Math.max(clockMillis, commitTimes.get(commitTimes.size() - 1) + 1));
        if (writeId != null) {
            writeIds.add(writeId);
        }
        return version;
    }

    /** A schema change: a version with the same records as the latest and the payload columns {@code payloadSchema}. */
    public long alter(List<StructField> payloadSchema, long clockMillis) {
        return commit(false, List.of(), null, clockMillis, payloadSchema);
    }

    /**
     * The records of version {@code version} (SPEC "Overwrite": those added by its last overwrite and the versions after it),
     * each with the version that added it: what coverage and other per-record models are computed from.
     */
    public List<VersionedRecord> records(long version) {
        return Collections.unmodifiableList(tables.get((int) version - 1));
    }

    /** The payload columns of {@code version}; null when they were not given. */
    public List<StructField> payloadSchema(long version) {
        return schemas.get((int) version - 1);
    }

    /**
     * The value of {@code column} in {@code row} read at {@code version}: null when the row was written before the
     * column was added, the written value converted to the column's type at {@code version} when it widened since.
     */
    public Object payloadAt(Row row, String column, long version) {
        List<StructField> schema = payloadSchema(version);
        int index = -1;
        for (int i = 0; i < schema.size(); i++) {
            if (schema.get(i).name().equals(column)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("version " + version + " has no payload column " + column + ": " + schema);
        }
        Object written = index < row.payload().size() ? row.payload().get(index) : null;
        return asWider(written, schema.get(index).type());
    }

    /** Java's own widening conversions, which are exact for these pairs. */
    private static Object asWider(Object value, DataType type) {
        if (type == PrimitiveType.LONG && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            return ((Number) value).longValue();
        }
        if (type == PrimitiveType.INTEGER && (value instanceof Short || value instanceof Byte)) {
            return ((Number) value).intValue();
        }
        if (type == PrimitiveType.SHORT && value instanceof Byte b) {
            return (short) b;
        }
        if (type == PrimitiveType.DOUBLE && value instanceof Float f) {
            return (double) f;
        }
        return value; // decimals keep their scale, so a wider precision changes nothing of the value
    }

    public long commitTime(long version) {
        return commitTimes.get((int) version - 1);
    }

    /** The latest version committed at or before {@code epochMillis}, or 0 when none was. */
    public long versionAt(long epochMillis) {
        long found = 0;
        for (int i = 0; i < commitTimes.size(); i++) {
            if (commitTimes.get(i) <= epochMillis) {
                found = i + 1;
            }
        }
        return found;
    }

    /**
     * key -> the record that holds at event time {@code asOfMicros} (inclusive; {@link #CURRENT} for
     * +infinity) as known at {@code version}: among the key's records with event time at or before it, the one
     * with the greatest (event time, version). Keys whose such record is a delete, or that have none, are
     * absent.
     */
    public Map<List<Object>, Row> state(long asOfMicros, long version) {
        Map<List<Object>, VersionedRecord> latest = new HashMap<>();
        for (VersionedRecord record : tables.get((int) version - 1)) {
            if (record.row().eventTimeMicros() > asOfMicros) {
                continue;
            }
            VersionedRecord known = latest.get(record.row().key());
            if (known == null || later(record, known)) {
                latest.put(record.row().key(), record);
            }
        }
        Map<List<Object>, Row> state = new HashMap<>();
        latest.forEach((key, record) -> {
            if (!record.row().delete()) {
                state.put(key, record.row());
            }
        });
        return state;
    }

    private static boolean later(VersionedRecord a, VersionedRecord b) {
        long at = a.row().eventTimeMicros();
        long bt = b.row().eventTimeMicros();
        return at > bt || (at == bt && a.version() > b.version());
    }

    /** Values as the model compares them: byte arrays become {@link Bytes}; everything else already has value equality. */
    public static Object normalise(Object value) {
        return value instanceof byte[] bytes ? new Bytes(HexFormat.of().formatHex(bytes)) : value;
    }

    public static List<Object> normalise(List<Object> values) {
        List<Object> normalised = new ArrayList<>(values.size());
        values.forEach(value -> normalised.add(normalise(value)));
        return Collections.unmodifiableList(normalised);
    }

    public static List<Object> normalise(Object[] values) {
        return normalise(Arrays.asList(values));
    }
}
