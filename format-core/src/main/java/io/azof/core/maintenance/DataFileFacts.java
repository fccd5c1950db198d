package io.azof.core.maintenance;

import io.azof.core.maintenance.ValidationProblem.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one data file holds, as far as validation looked: gathered once per file by {@link DataFileInspector},
 * then compared with every snapshot entry that names the file by {@link DataFileChecks}.
 *
 * @param unreadable why the file or its Parquet footer cannot be read; null when it can
 * @param sizeBytes null when unknown
 * @param footerRows null when the footer was not read
 * @param footerEventTimes event times from the footer's column statistics; null when they are missing
 * @param footerFirstKey smallest and largest value of the first key column from the footer's statistics; null when missing
 * @param records what reading every record found; null when the records were not read (not deep, or the schema does not allow it)
 */
record DataFileFacts(
        boolean exists,
        String unreadable,
        Long sizeBytes,
        List<SchemaIssue> schemaIssues,
        Long footerRows,
        TimeRange footerEventTimes,
        Object[] footerFirstKey,
        RecordFacts records) {

    DataFileFacts {
        schemaIssues = List.copyOf(schemaIssues);
    }

    static DataFileFacts missing() {
        return new DataFileFacts(false, null, null, List.of(), null, null, null, null);
    }

    static DataFileFacts unreadable(Long sizeBytes, String why) {
        return new DataFileFacts(true, why, sizeBytes, List.of(), null, null, null, null);
    }

    /** The exact event times when the records were read, else the footer's. */
    TimeRange eventTimes() {
        return records != null && records.error() == null ? records.eventTimes() : footerEventTimes;
    }

    /** A column that differs from what the table's definition requires. */
    record SchemaIssue(String column, Severity severity, String message) {
    }

    /** Inclusive event-time bounds in epoch microseconds. */
    record TimeRange(long min, long max) {
    }

    /**
     * What reading every record found.
     *
     * @param error why reading stopped part way; the other fields then cover only the records before it
     * @param eventTimes null when the file has no record with an event time
     * @param minKey null when the file has no record with a whole key (always null in azof 0.2.1 tables)
     * @param rowsByBucket format version 2: records per bucket their key hashes to, with the first such key
     * @param maxRecordVersion the greatest {@code _azof_version} stored in a record; 0 when every record leaves it null
     * @param outOfOrder records that break the file's order; {@code firstOutOfOrder} describes the first
     * @param nulls per column, records with a null where it is not allowed
     * @param conflicts azof 0.2.1: keys and event times with differing rows; {@code firstConflicts} describes a few
     */
    record RecordFacts(
            String error,
            long rows,
            long deletes,
            TimeRange eventTimes,
            Object[] minKey,
            Object[] maxKey,
            Map<Integer, BucketRows> rowsByBucket,
            long maxRecordVersion,
            long outOfOrder,
            String firstOutOfOrder,
            Map<String, Long> nulls,
            long conflicts,
            List<String> firstConflicts) {

        RecordFacts {
            rowsByBucket = Collections.unmodifiableMap(new TreeMap<>(rowsByBucket));
            nulls = Collections.unmodifiableMap(new LinkedHashMap<>(nulls));
            firstConflicts = List.copyOf(firstConflicts);
        }
    }

    /** Records of a file whose keys hash to one bucket, and the first of those keys. */
    record BucketRows(long rows, Object[] firstKey) {
    }
}
