package io.azof.core.maintenance;

import static io.azof.core.maintenance.ValidationProblem.error;

import io.azof.core.maintenance.DataFileFacts.BucketRows;
import io.azof.core.maintenance.DataFileFacts.RecordFacts;
import io.azof.core.maintenance.DataFileFacts.SchemaIssue;
import io.azof.core.maintenance.DataFileFacts.TimeRange;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what a data file holds ({@link DataFileFacts}) with what the snapshots say about it. Pure: the
 * reading is {@link DataFileInspector}'s part.
 */
final class DataFileChecks {
    private DataFileChecks() {
    }

    /**
     * Problems of the file itself, whatever entry names it: missing, unreadable, wrong columns, records out of
     * order, nulls, differing rows. Reported once, at the latest entry naming the file.
     *
     * @param versions the retained versions whose snapshots name the file, ascending
     */
    static List<ValidationProblem> file(FileReference latest, List<Long> versions, DataFileFacts facts) {
        List<ValidationProblem> problems = new ArrayList<>();
        String where = latest.location();
        if (!facts.exists()) {
            problems.add(error(Kind.FILE_MISSING, where, "the data file does not exist; version" + (versions.size() == 1 ? " " : "s ")
                    + Describe.versions(versions) + " reference it"));
            return problems;
        }
        if (facts.unreadable() != null) {
            problems.add(error(Kind.FILE_UNREADABLE, where, facts.unreadable()));
            return problems;
        }
        for (SchemaIssue issue : facts.schemaIssues()) {
            problems.add(new ValidationProblem(Kind.FILE_SCHEMA_MISMATCH, issue.severity(), where, issue.message()));
        }
        RecordFacts records = facts.records();
        if (records == null) {
            return problems;
        }
        if (records.error() != null) {
            problems.add(error(Kind.FILE_UNREADABLE, where, "reading the records failed after " + records.rows() + ": " + records.error()));
        }
        if (records.outOfOrder() > 0) {
            problems.add(error(Kind.FILE_NOT_SORTED, where, records.firstOutOfOrder()
                    + (records.outOfOrder() > 1 ? " (" + records.outOfOrder() + " records out of order in all)" : "")));
        }
        for (Map.Entry<String, Long> nulls : records.nulls().entrySet()) {
            problems.add(nulls(latest.table(), nulls.getKey(), nulls.getValue(), where));
        }
        if (records.conflicts() > 0) {
            String counted = records.conflicts() == 1 ? "1 key and event time has" : records.conflicts() + " keys and event times have";
            problems.add(ValidationProblem.warning(Kind.CONFLICTING_ROWS, where, counted
                    + " differing rows in this file, so which one holds is ambiguous; a read returns the first in file order: "
                    + String.join("; ", records.firstConflicts()) + (records.conflicts() > records.firstConflicts().size() ? "; ..." : "")));
        }
        return problems;
    }

    /**
     * azof 0.2.1 did not enforce {@code nullable: false} on payload columns and readers treat them as nullable
     * (SPEC section 4), so nulls there are a warning; anywhere else a null breaks reads or the table's contract.
     */
    private static ValidationProblem nulls(TableDefinition table, String column, long count, String where) {
        boolean legacyPayload = table.isLegacy() && table.payloadColumns().contains(column);
        String message = count + " record" + (count == 1 ? " holds" : "s hold") + " a null in column '" + column + "', which ";
        if (legacyPayload) {
            return ValidationProblem.warning(Kind.NULL_IN_NOT_NULL_COLUMN, where, message + "the schema declares not null;"
                    + " azof 0.2.1 did not enforce that, so readers treat the column as nullable");
        }
        return error(Kind.NULL_IN_NOT_NULL_COLUMN, where, message + "may not be null"
                + (table.payloadColumns().contains(column) ? " (declared not null; checked on write for upserts)" : ""));
    }

    /**
     * Problems of one entry naming the file: its recorded size and statistics against the file, the file's event
     * times against the entry's segment, its keys' buckets and its records' versions.
     */
    static List<ValidationProblem> entry(FileReference reference, DataFileFacts facts) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (!facts.exists()) {
            return problems;
        }
        String where = reference.location();
        FileStats stats = reference.stats();
        if (stats != null && facts.sizeBytes() != null && facts.sizeBytes() != stats.bytes()) {
            problems.add(error(Kind.FILE_SIZE_MISMATCH, where, "bytes: recorded " + stats.bytes() + ", the file has " + facts.sizeBytes()));
        }
        if (facts.unreadable() != null) {
            return problems;
        }
        RecordFacts records = facts.records() != null && facts.records().error() == null ? facts.records() : null;
        String source = records != null ? "the records" : "the Parquet footer's statistics";
        if (stats != null) {
            recordedStats(reference, stats, facts, records, source, problems);
        }
        TimeRange times = facts.eventTimes();
        boolean recordedInside = stats == null
                || stats.minEventTimeMicros() >= reference.earliestAllowed() && stats.maxEventTimeMicros() <= reference.latestAllowed();
        // Recorded times outside the entry's range are already reported from the snapshot alone.
        if (times != null && recordedInside && (times.min() < reference.earliestAllowed() || times.max() > reference.latestAllowed())) {
            problems.add(error(Kind.FILE_OUTSIDE_SEGMENT, where, "the file holds event times " + Describe.range(times.min(), times.max())
                    + " (from " + source + "), but the records of this " + (reference.role() == FileRole.BASE ? "base" : "delta")
                    + " must lie " + reference.allowedRange()));
        }
        return problems;
    }

    private static void recordedStats(FileReference reference, FileStats stats, DataFileFacts facts, RecordFacts records, String source,
                                      List<ValidationProblem> problems) {
        String where = reference.location();
        TableDefinition table = reference.table();
        if (facts.footerRows() != null && facts.footerRows() != stats.rows()) {
            problems.add(mismatch(where, "rows", stats.rows(), facts.footerRows(), "the Parquet footer"));
        }
        TimeRange times = facts.eventTimes();
        if (times != null && times.min() != stats.minEventTimeMicros()) {
            problems.add(mismatch(where, "min_event_time", Describe.time(stats.minEventTimeMicros()), Describe.time(times.min()), source));
        }
        if (times != null && times.max() != stats.maxEventTimeMicros()) {
            problems.add(mismatch(where, "max_event_time", Describe.time(stats.maxEventTimeMicros()), Describe.time(times.max()), source));
        }
        KeyOrdering keys = KeyOrdering.of(table.keySchema());
        if (records != null && records.minKey() != null) {
            if (keys.compare(records.minKey(), stats.minKey()) != 0) {
                problems.add(mismatch(where, "min_key", table.describeKey(stats.minKey()), table.describeKey(records.minKey()), source));
            }
            if (keys.compare(records.maxKey(), stats.maxKey()) != 0) {
                problems.add(mismatch(where, "max_key", table.describeKey(stats.maxKey()), table.describeKey(records.maxKey()), source));
            }
        } else if (facts.footerFirstKey() != null) {
            firstKeyColumn(reference, stats, facts.footerFirstKey(), problems);
        }
        if (records == null) {
            return;
        }
        if (records.deletes() != stats.deletes()) {
            problems.add(mismatch(where, "deletes", stats.deletes(), records.deletes(), source));
        }
        for (Map.Entry<Integer, BucketRows> bucket : records.rowsByBucket().entrySet()) {
            if (bucket.getKey() != stats.bucket()) {
                problems.add(error(Kind.BAD_BUCKET, where, bucket.getValue().rows() + " records have keys that hash to bucket "
                        + bucket.getKey() + ", not to the file's bucket " + stats.bucket() + " (the first: "
                        + table.describeKey(bucket.getValue().firstKey()) + ")"));
            }
        }
        long latestVersion = reference.base() != null ? reference.base().coversVersion() : stats.addedVersion();
        if (records.maxRecordVersion() > latestVersion) {
            problems.add(error(Kind.BAD_FILE_VERSION, where, "a record stores _azof_version " + records.maxRecordVersion()
                    + ", after the file's " + (reference.base() != null ? "covers_version " : "added_version ") + latestVersion));
        }
    }

    /** The footer knows the first key column's range only; the smallest key starts with its smallest value. */
    private static void firstKeyColumn(FileReference reference, FileStats stats, Object[] footerRange, List<ValidationProblem> problems) {
        TableDefinition table = reference.table();
        String column = table.keyColumns().get(0);
        KeyOrdering first = KeyOrdering.of(List.of(table.keySchema().field(0).type()));
        if (first.compare(new Object[] {stats.minKey()[0]}, new Object[] {footerRange[0]}) != 0) {
            problems.add(mismatch(reference.location(), "min_key", column + "=" + value(table, stats.minKey()[0]),
                    column + "=" + value(table, footerRange[0]), "the Parquet footer's statistics"));
        }
        if (first.compare(new Object[] {stats.maxKey()[0]}, new Object[] {footerRange[1]}) != 0) {
            problems.add(mismatch(reference.location(), "max_key", column + "=" + value(table, stats.maxKey()[0]),
                    column + "=" + value(table, footerRange[1]), "the Parquet footer's statistics"));
        }
    }

    private static String value(TableDefinition table, Object value) {
        return ValueText.of(table.keySchema().field(0).type(), value);
    }

    private static ValidationProblem mismatch(String where, String field, Object recorded, Object actual, String source) {
        return error(Kind.FILE_STATS_MISMATCH, where, field + ": recorded " + recorded + ", the file holds " + actual + " (from " + source + ")");
    }
}
