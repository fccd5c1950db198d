package io.azof.spark.read;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.csvLines;
import static io.azof.spark.TestSupport.readAsOf;
import static io.azof.spark.TestSupport.referenceTable;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads of the azof 0.2.1 reference tables, expected rows derived by hand from their CSVs with the rule
 * of SPEC section 1: per key, the row with the greatest event_time at or before T (T inclusive).
 */
class ReferenceTablesAsOfTest {
    private static final List<List<Object>> TABLE0_CURRENT = List.of(
            row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
            row("2", instant("2024-02-20T00:00:00Z"), "xyz2"),
            row("3", instant("2024-03-10T00:00:00Z"), "www2"));

    private static final List<List<Object>> TABLE1_CURRENT = List.of(
            row("1", instant("2024-06-29T00:00:00Z"), "abc4"),
            row("2", instant("2024-06-20T00:00:00Z"), "xyz3"));

    private static final List<List<Object>> TABLE2_CURRENT = List.of(
            row("1", instant("2024-02-01T00:00:00Z"), "abc2", 100L, true, instant("2024-01-01T00:00:00Z")),
            row("2", instant("2024-02-20T00:00:00Z"), "xyz2", 222L, false, instant("2024-01-01T00:00:00Z")),
            row("3", instant("2024-03-10T00:00:00Z"), "www2", 300L, false, instant("2024-03-01T00:00:00Z")));

    @Test
    void table0() {
        String table = referenceTable("table0");
        // delta1.csv: 1@02-01 abc2, 2@02-20 xyz2, 3@03-10 www2 are each key's newest row.
        assertAsOf(table, null, TABLE0_CURRENT);
        // base.csv and delta1.csv start at 2024-01-01: nothing earlier exists.
        assertAsOf(table, "2023-12-31T23:59:59.999Z", List.of());
        // Exactly base.csv's time: 1@01-01 abc and 2@01-01 xyz count (T inclusive).
        assertAsOf(table, "2024-01-01T00:00:00Z", List.of(
                row("1", instant("2024-01-01T00:00:00Z"), "abc"),
                row("2", instant("2024-01-01T00:00:00Z"), "xyz")));
        // Exactly delta1's start: delta1.csv 1@02-01 abc2 counts; 2's delta row (02-20) is later, so base.csv xyz.
        assertAsOf(table, "2024-02-01T00:00:00Z", List.of(
                row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
                row("2", instant("2024-01-01T00:00:00Z"), "xyz")));
        // Between events: delta1.csv 1@02-01 abc2 and 2@02-20 xyz2; 3@03-10 not yet.
        assertAsOf(table, "2024-03-01T12:00:00Z", List.of(
                row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
                row("2", instant("2024-02-20T00:00:00Z"), "xyz2")));
        // Exactly the last event (delta1.csv 3@03-10) and long after all data: the current state.
        assertAsOf(table, "2024-03-10T00:00:00Z", TABLE0_CURRENT);
        assertAsOf(table, "2030-01-01T00:00:00Z", TABLE0_CURRENT);
    }

    @Test
    void table1() {
        String table = referenceTable("table1");
        // delta2.csv: 1@06-29 abc4 and 2@06-20 xyz3 are the newest rows of keys 1 and 2.
        assertAsOf(table, null, TABLE1_CURRENT);
        assertAsOf(table, "2023-06-01T00:00:00Z", List.of());
        // Inside the segment (starts 2024-01-01) but before delta1.csv's earliest row (1@02-01), no base: empty.
        assertAsOf(table, "2024-01-15T00:00:00Z", List.of());
        // Exactly delta1.csv's 2@02-15 xyz1: it beats 2@02-20 xyz2, which is later than T; 1@02-01 abc2.
        assertAsOf(table, "2024-02-15T00:00:00Z", List.of(
                row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
                row("2", instant("2024-02-15T00:00:00Z"), "xyz1")));
        // A microsecond before 2@02-15: key 2 has no row yet.
        assertAsOf(table, "2024-02-14T23:59:59.999999Z", List.of(
                row("1", instant("2024-02-01T00:00:00Z"), "abc2")));
        // Exactly delta2's start, before all of delta2.csv's rows (06-01 onwards): delta1.csv 1@02-01, 2@02-20.
        assertAsOf(table, "2024-05-01T00:00:00Z", List.of(
                row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
                row("2", instant("2024-02-20T00:00:00Z"), "xyz2")));
        // Exactly delta2.csv's 1@06-01 abc3 and 2@06-01 xyz2.
        assertAsOf(table, "2024-06-01T00:00:00Z", List.of(
                row("1", instant("2024-06-01T00:00:00Z"), "abc3"),
                row("2", instant("2024-06-01T00:00:00Z"), "xyz2")));
        // Between delta2.csv's 2@06-20 xyz3 and 1@06-29 abc4.
        assertAsOf(table, "2024-06-25T00:00:00Z", List.of(
                row("1", instant("2024-06-01T00:00:00Z"), "abc3"),
                row("2", instant("2024-06-20T00:00:00Z"), "xyz3")));
        assertAsOf(table, "2025-01-01T00:00:00Z", TABLE1_CURRENT);
    }

    @Test
    void table2EveryColumnType() {
        String table = referenceTable("table2");
        // delta1.csv rows (key,event_time,value1,value2,is_active,created): every key's newest.
        assertAsOf(table, null, TABLE2_CURRENT);
        assertAsOf(table, "2023-06-01T00:00:00Z", List.of());
        // Exactly base.csv's time: its two rows as written.
        assertAsOf(table, "2024-01-01T00:00:00Z", List.of(
                row("1", instant("2024-01-01T00:00:00Z"), "abc", 100L, true, instant("2024-01-01T00:00:00Z")),
                row("2", instant("2024-01-01T00:00:00Z"), "xyz", 200L, false, instant("2024-01-01T00:00:00Z"))));
        // Exactly delta1.csv's 2@02-20 (xyz2,222): it and 1@02-01 (abc2,100) win; 3@03-10 is later.
        assertAsOf(table, "2024-02-20T00:00:00Z", List.of(
                row("1", instant("2024-02-01T00:00:00Z"), "abc2", 100L, true, instant("2024-01-01T00:00:00Z")),
                row("2", instant("2024-02-20T00:00:00Z"), "xyz2", 222L, false, instant("2024-01-01T00:00:00Z"))));
        assertAsOf(table, "2024-03-10T00:00:00Z", TABLE2_CURRENT);
        assertAsOf(table, "2024-12-31T00:00:00Z", TABLE2_CURRENT);
    }

    /**
     * Against an oracle computed straight from the CSVs, at every event time and a microsecond before
     * it: the boundaries where an off-by-one in "T inclusive" would show.
     */
    @ParameterizedTest
    @ValueSource(strings = {"table0", "table1", "table2"})
    void everyEventTimeBoundaryMatchesTheCsvOracle(String name) throws IOException {
        String table = referenceTable(name);
        StructType schema = readAsOf(table, null).schema();
        List<List<Object>> records = csvRecords(Path.of(table), schema);
        TreeSet<Instant> times = new TreeSet<>();
        for (List<Object> record : records) {
            Instant eventTime = (Instant) record.get(1);
            times.add(eventTime.minusNanos(1_000));
            times.add(eventTime);
        }
        for (Instant t : times) {
            assertAsOf(table, t.toString(), stateAt(records, t));
        }
        assertAsOf(table, null, stateAt(records, Instant.MAX));
    }

    private static List<List<Object>> csvRecords(Path table, StructType schema) throws IOException {
        List<List<Object>> records = new ArrayList<>();
        try (var files = Files.list(table)) {
            for (Path csv : files.filter(file -> file.toString().endsWith(".csv")).toList()) {
                for (String line : csvLines(csv)) {
                    String[] fields = line.split(",", -1);
                    assertThat(fields).as(csv + ": " + line).hasSize(schema.size());
                    List<Object> record = new ArrayList<>();
                    for (int i = 0; i < fields.length; i++) {
                        record.add(parse(fields[i], schema.fields()[i].dataType()));
                    }
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static Object parse(String text, DataType type) {
        if (type.equals(DataTypes.LongType)) {
            return Long.parseLong(text);
        }
        if (type.equals(DataTypes.BooleanType)) {
            return Boolean.parseBoolean(text);
        }
        if (type.equals(DataTypes.TimestampType)) {
            return Instant.parse(text);
        }
        return text;
    }

    /** state(T) of SPEC section 1: per key, the record with the greatest event time at or before T. */
    private static List<List<Object>> stateAt(List<List<Object>> records, Instant t) {
        Map<Object, List<Object>> latest = new HashMap<>();
        for (List<Object> record : records) {
            Instant eventTime = (Instant) record.get(1);
            if (eventTime.isAfter(t)) {
                continue;
            }
            latest.merge(record.get(0), record,
                    (old, candidate) -> ((Instant) candidate.get(1)).isAfter((Instant) old.get(1)) ? candidate : old);
        }
        return List.copyOf(latest.values());
    }

    private static void assertAsOf(String table, String asOf, List<List<Object>> expected) {
        Dataset<Row> frame = readAsOf(table, asOf);
        assertThat(rows(frame)).as("%s as of %s", table, asOf == null ? "current" : asOf)
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
