package io.azof.core.maintenance;

import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetFiles;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.io.parquet.ParquetSchemas;
import io.azof.core.io.parquet.StoredColumn;
import io.azof.core.maintenance.DataFileFacts.BucketRows;
import io.azof.core.maintenance.DataFileFacts.RecordFacts;
import io.azof.core.maintenance.DataFileFacts.SchemaIssue;
import io.azof.core.maintenance.DataFileFacts.TimeRange;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.DataType;
import io.azof.core.types.KeyHashing;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.types.ValueText;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads what validation needs from one data file: its size, its Parquet footer (schema, row count, column
 * statistics) and, when deep, every record. Only reads; every failure becomes a fact rather than an exception,
 * so one broken file does not stop the validation of the others.
 */
final class DataFileInspector {
    /** Enough examples of differing 0.2.1 rows to find them; the count says how many there are. */
    private static final int CONFLICTS_DESCRIBED = 5;

    private final TableStorage storage;
    private final String path;
    private final TableDefinition table;
    /** The columns a file of this table must have: the 0.2.1 layout, or the format version 2 data file schema. */
    private final StructType expected;
    /** Columns a file may lack, read as null: those a table adds after files were written (none in azof 0.2.1). */
    private final Set<String> absentAsNull;
    /** The definition of the version that added the file, whose data file schema the file was written in; null when unknown. */
    private final TableDefinition writtenUnder;

    private DataFileInspector(TableStorage storage, String path, TableDefinition table, TableDefinition writtenUnder) {
        this.storage = storage;
        this.path = path;
        this.table = table;
        this.expected = table.isLegacy() ? table.schema() : DataFileSchema.of(table);
        this.absentAsNull = table.isLegacy() ? Set.of() : DataFileSchema.readAsNullWhenAbsent(table);
        this.writtenUnder = table.isLegacy() ? null : writtenUnder;
    }

    /**
     * @param table the definition of the latest snapshot naming the file
     * @param addedVersion the version a record without {@code _azof_version} belongs to (format version 2)
     * @param writtenUnder the definition of version {@code addedVersion}, under which the file was written; null when
     *     that version is not retained (or for azof 0.2.1 tables)
     */
    static DataFileFacts inspect(TableStorage storage, String path, TableDefinition table, boolean deep, long addedVersion,
                                 TableDefinition writtenUnder) {
        return new DataFileInspector(storage, path, table, writtenUnder).inspect(deep, addedVersion);
    }

    private DataFileFacts inspect(boolean deep, long addedVersion) {
        // One lookup of the file (one request on object stores) serves its existence, its size and every read of it.
        InputFile input;
        long size;
        try {
            input = storage.inputFile(path);
            size = input.getLength();
        } catch (FileNotFoundException e) {
            return DataFileFacts.missing();
        } catch (IOException e) {
            return DataFileFacts.unreadable(null, "cannot look the file up: " + e);
        }
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFiles.open(input)) {
            footer = reader.getFooter();
        } catch (IOException | RuntimeException e) {
            return DataFileFacts.unreadable(size, "cannot read the Parquet footer: " + e.getMessage());
        }
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        List<SchemaIssue> schemaIssues = schemaIssues(fileSchema, addedVersion);
        long rows = footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
        Object[] eventTimes = FooterStatistics.minMax(footer, table.eventTimeColumn(), expectedType(table.eventTimeColumn()));
        String firstKey = table.keyColumns().get(0);
        Object[] firstKeyRange = FooterStatistics.minMax(footer, firstKey, expectedType(firstKey));
        boolean readable = schemaIssues.stream().noneMatch(issue -> issue.severity() == Severity.ERROR);
        RecordFacts records = deep && readable ? (table.isLegacy() ? readLegacy(input) : read(input, addedVersion)) : null;
        return new DataFileFacts(true, null, size, schemaIssues, rows,
                eventTimes == null ? null : new TimeRange((Long) eventTimes[0], (Long) eventTimes[1]), firstKeyRange, records);
    }

    private DataType expectedType(String column) {
        return expected.field(column).orElseThrow().type();
    }

    /**
     * Columns readers cannot read as the table declares them are errors. A file may lack a nullable payload column
     * or store a payload column in a narrower type when the column was added or widened after the file was written
     * (readers then read nulls or widen the values); it may not lack a column the version that added it declared,
     * which readers would read as null although values were written. Format version 2 files should otherwise be
     * exactly what this project's writer produced under the definition of that version; where they differ in a way
     * readers accept (an optional key, millisecond timestamps, an extra column), that is only a warning.
     */
    private List<SchemaIssue> schemaIssues(MessageType fileSchema, long writtenVersion) {
        List<SchemaIssue> issues = new ArrayList<>();
        MessageType latestLayout = table.isLegacy() ? null : ParquetSchemas.toParquet(expected);
        StructType writtenColumns = writtenUnder == null ? null : DataFileSchema.of(writtenUnder);
        MessageType writtenLayout = writtenColumns == null ? null : ParquetSchemas.toParquet(writtenColumns);
        for (StructField field : expected.fields()) {
            StoredColumn stored;
            try {
                stored = StoredColumn.of(path, fileSchema, expected, List.of(field.name()), absentAsNull).get(0);
            } catch (SchemaMismatchException e) {
                issues.add(new SchemaIssue(field.name(), Severity.ERROR, e.getMessage()));
                continue;
            }
            if (latestLayout == null) {
                continue;
            }
            boolean declaredWhenWritten = writtenColumns != null && writtenColumns.field(field.name()).isPresent();
            if (stored.absent()) {
                if (declaredWhenWritten) {
                    DataType declared = writtenColumns.field(field.name()).orElseThrow().type();
                    issues.add(new SchemaIssue(field.name(), Severity.ERROR, "column '" + field.name() + "' is missing, but version "
                            + writtenVersion + ", which added this file, declares it (" + declared + "); readers read it as null, losing"
                            + " the values written"));
                }
                continue;
            }
            // Compared with how the file was written when that is known; else with the latest layout, unless the
            // column was evidently written before a widening (its narrower layout is then expected, not a deviation).
            MessageType layout = declaredWhenWritten ? writtenLayout : stored.widened() ? null : latestLayout;
            Type storedType = fileSchema.getType(field.name());
            if (layout != null && !layout.getType(field.name()).equals(storedType)) {
                issues.add(new SchemaIssue(field.name(), Severity.WARNING, "column '" + field.name() + "' is stored as "
                        + oneLine(storedType) + ", not as " + oneLine(layout.getType(field.name()))
                        + " as this project writes it; readers accept it"));
            }
        }
        for (Type stored : fileSchema.getFields()) {
            if (expected.field(stored.getName()).isEmpty()) {
                issues.add(new SchemaIssue(stored.getName(), Severity.WARNING, "column '" + stored.getName() + "' ("
                        + oneLine(stored) + ") is not one of the table's columns " + expected.fieldNames() + "; readers ignore it"));
            }
        }
        return issues;
    }

    private static String oneLine(Type type) {
        return type.toString().replaceAll("\\s+", " ").trim();
    }

    /**
     * Format version 2: records sorted by (key, event time, version) without repeats, keys in the file's bucket,
     * exact statistics, versions, and no null where the table forbids one.
     */
    private RecordFacts read(InputFile input, long addedVersion) {
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.add(table.eventTimeColumn());
        columns.add(DataFileSchema.DELETED_COLUMN);
        columns.add(DataFileSchema.VERSION_COLUMN);
        List<String> required = table.payloadFields().stream().filter(f -> !f.nullable()).map(StructField::name).toList();
        columns.addAll(required);
        int keys = table.keyColumns().size();
        int deleted = keys + 1;
        int version = keys + 2;
        KeyOrdering ordering = KeyOrdering.of(table.keySchema());
        KeyHashing hashing = KeyHashing.of(table.keySchema());
        RecordScan scan = new RecordScan();
        Object[] previous = null;
        long previousIndex = 0;
        try (CloseableIterator<Object[]> records = ParquetRowFileReader.open(input, storage.location(path), expected, columns, absentAsNull)) {
            while (records.hasNext()) {
                Object[] row = records.next();
                long index = ++scan.rows;
                boolean delete = Boolean.TRUE.equals(row[deleted]);
                boolean whole = scan.checkNotNull(columns, row, 0, keys + 2);
                if (!delete) {
                    scan.checkNotNull(columns, row, keys + 3, columns.size());
                }
                if (!whole) {
                    continue; // a record without key or event time has no place in the order
                }
                Object[] key = Arrays.copyOf(row, keys);
                long eventTime = (Long) row[keys];
                if (row[version] == null) {
                    row[version] = addedVersion;
                } else {
                    scan.maxRecordVersion = Math.max(scan.maxRecordVersion, (Long) row[version]);
                }
                scan.deletes += delete ? 1 : 0;
                scan.eventTime(eventTime);
                if (scan.minKey == null || ordering.compare(key, scan.minKey) < 0) {
                    scan.minKey = key;
                }
                if (scan.maxKey == null || ordering.compare(key, scan.maxKey) > 0) {
                    scan.maxKey = key;
                }
                scan.rowsByBucket.merge(hashing.bucketOf(key, table.buckets()), new BucketRows(1, key),
                        (old, one) -> new BucketRows(old.rows() + 1, old.firstKey()));
                if (previous != null && !sortsAfter(ordering, keys, previous, row)) {
                    Object[] before = previous;
                    long beforeIndex = previousIndex;
                    scan.outOfOrder(() -> "record " + index + " " + describe(row, keys) + " does not sort after record " + beforeIndex
                            + " " + describe(before, keys) + "; records are sorted by key, event time and version, without repeats");
                }
                previous = row;
                previousIndex = index;
            }
        } catch (RuntimeException e) {
            scan.error = e.getMessage();
        }
        return scan.facts();
    }

    /** Rows hold [key..., event time, deleted, version, ...] with the version filled in. */
    private static boolean sortsAfter(KeyOrdering ordering, int keys, Object[] previous, Object[] row) {
        int byKey = ordering.compare(Arrays.copyOf(previous, keys), Arrays.copyOf(row, keys));
        if (byKey != 0) {
            return byKey < 0;
        }
        int byTime = Long.compare((Long) previous[keys], (Long) row[keys]);
        return byTime != 0 ? byTime < 0 : (Long) previous[keys + 2] < (Long) row[keys + 2];
    }

    private String describe(Object[] row, int keys) {
        return "(key " + table.describeKey(Arrays.copyOf(row, keys)) + ", event time " + Describe.time((Long) row[keys]) + ", version "
                + row[keys + 2] + ")";
    }

    /**
     * azof 0.2.1: within a file a key's rows come newest first (SPEC section 4.2), since a read keeps the first
     * row at or before its as-of time; rows of one key and event time that differ are ambiguous. Nulls in columns
     * declared not null are counted (azof 0.2.1 did not enforce the declaration).
     */
    private RecordFacts readLegacy(InputFile input) {
        List<String> columns = expected.fieldNames();
        RecordScan scan = new RecordScan();
        Map<Object, Seen> lastOfKey = new HashMap<>();
        try (CloseableIterator<Object[]> records = ParquetRowFileReader.open(input, storage.location(path), expected, columns)) {
            while (records.hasNext()) {
                Object[] row = records.next();
                long index = ++scan.rows;
                boolean whole = scan.checkNotNull(columns, row, 0, 2);
                for (int i = 2; i < columns.size(); i++) {
                    if (row[i] == null && !expected.field(i).nullable()) {
                        scan.nullIn(columns.get(i));
                    }
                }
                if (!whole) {
                    continue;
                }
                long eventTime = (Long) row[1];
                scan.eventTime(eventTime);
                Seen earlier = lastOfKey.put(row[0], new Seen(index, row));
                if (earlier == null) {
                    continue;
                }
                long earlierTime = (Long) earlier.row()[1];
                if (eventTime > earlierTime) {
                    scan.outOfOrder(() -> "row " + index + " of key '" + row[0] + "' at " + Describe.time(eventTime) + " follows row "
                            + earlier.index() + " of that key at the earlier " + Describe.time(earlierTime)
                            + "; a file lists a key's rows newest first, as reads keep the first row at or before their as-of time");
                } else if (eventTime == earlierTime && !Arrays.deepEquals(row, earlier.row())) {
                    scan.conflicts++;
                    if (scan.firstConflicts.size() < CONFLICTS_DESCRIBED) {
                        scan.firstConflicts.add("key '" + row[0] + "' at " + Describe.time(eventTime) + ": rows " + earlier.index()
                                + " " + describeRow(earlier.row()) + " and " + index + " " + describeRow(row));
                    }
                }
            }
        } catch (RuntimeException e) {
            scan.error = e.getMessage();
        }
        return scan.facts();
    }

    /** A 0.2.1 row as users wrote it: times as instants. */
    private String describeRow(Object[] row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            values.add(ValueText.of(expected.field(i).type(), row[i]));
        }
        return "[" + String.join(", ", values) + "]";
    }

    private record Seen(long index, Object[] row) {
    }

    /** What reading records has found so far. */
    private static final class RecordScan {
        String error;
        long rows;
        long deletes;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        Object[] minKey;
        Object[] maxKey;
        final Map<Integer, BucketRows> rowsByBucket = new TreeMap<>();
        long maxRecordVersion;
        long outOfOrder;
        String firstOutOfOrder;
        final Map<String, Long> nulls = new LinkedHashMap<>();
        long conflicts;
        final List<String> firstConflicts = new ArrayList<>();

        void nullIn(String column) {
            nulls.merge(column, 1L, Long::sum);
        }

        /** Counts nulls in {@code row[from..to)}; true when there are none. */
        boolean checkNotNull(List<String> columns, Object[] row, int from, int to) {
            boolean none = true;
            for (int i = from; i < to; i++) {
                if (row[i] == null) {
                    nullIn(columns.get(i));
                    none = false;
                }
            }
            return none;
        }

        void eventTime(long micros) {
            minTime = Math.min(minTime, micros);
            maxTime = Math.max(maxTime, micros);
        }

        /** Describes only the first record out of order: building the text for every one would cost more than the check. */
        void outOfOrder(Supplier<String> description) {
            if (outOfOrder++ == 0) {
                firstOutOfOrder = description.get();
            }
        }

        RecordFacts facts() {
            TimeRange times = minTime > maxTime ? null : new TimeRange(minTime, maxTime);
            return new RecordFacts(error, rows, deletes, times, minKey, maxKey, rowsByBucket, maxRecordVersion, outOfOrder,
                    firstOutOfOrder, nulls, conflicts, firstConflicts);
        }
    }
}
