package io.azof.core.scan;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.testing.ReferenceTables;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads the tables azof 0.2.1 (the Rust original) wrote, through the core alone. Expected answers come
 * from the acceptance criteria (financials) and from the tables' CSV sources (table0..2).
 */
class ReferenceTablesTest {
    private static AsOf at(String instant) {
        return AsOf.eventTime(Instant.parse(instant));
    }

    private static List<Object[]> read(String table, AsOf asOf, List<String> columns) throws IOException {
        Path dir = ReferenceTables.table(table);
        TableStorage storage = TestTables.localStorage(dir);
        ScanTask task = Table.forStorage(storage).newScan().asOf(asOf).select(columns).planSingleTask();
        List<Object[]> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> it = task.open(storage, new ScanMetrics())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** key -> value of the single payload column. */
    private static Map<String, Object> values(List<Object[]> rows) {
        Map<String, Object> map = new LinkedHashMap<>();
        rows.forEach(r -> assertThat(map.put((String) r[0], r[2])).as("duplicate key %s", r[0]).isNull());
        return map;
    }

    @Test
    void financialsTopSoftwareRevenueAsOf2019_01_17() throws IOException {
        List<Object[]> rows = read("financials", at("2019-01-17T00:00:00Z"), List.of("industry", "revenue", "net_income"));
        List<String> top = rows.stream()
                .filter(r -> "Software".equals(r[2]))
                .sorted(Comparator.comparing((Object[] r) -> (Long) r[3]).reversed())
                .limit(5)
                .map(r -> r[0] + " " + r[3] + " " + r[4])
                .toList();
        assertThat(top).containsExactly(
                "MSFT 32471000000 8420000000",
                "ORCL 9562000000 2333000000",
                "SAP 8449374000 1919226000",
                "CRM 3603000000 362000000",
                "VMW 3230000000 -270000000");
    }

    @Test
    void microsecondsAfterAClosedSegmentsLastMillisecondStillReadThatSegment() throws IOException {
        // year_2000_q1 ends at 2000-03-31T23:59:59.999Z and q2 starts a millisecond later. Records are stored
        // in milliseconds, so any instant inside that last millisecond must answer as its start does.
        List<String> columns = List.of("revenue");
        Map<String, Object> atLastMilli = values(read("financials", at("2000-03-31T23:59:59.999Z"), columns));
        Map<String, Object> insideLastMilli = values(read("financials", at("2000-03-31T23:59:59.999500Z"), columns));
        assertThat(atLastMilli).isNotEmpty();
        assertThat(insideLastMilli).isEqualTo(atLastMilli);
        assertThat(values(read("financials", at("2000-12-31T23:59:59.999999Z"), columns)))
                .isEqualTo(values(read("financials", at("2000-12-31T23:59:59.999Z"), columns)));
    }

    @Test
    void table0BaseAndOneDelta() throws IOException {
        // base.csv: 1@01-01 abc, 2@01-01 xyz; delta1.csv: 3@03-10 www2, 2@02-20 xyz2, 1@02-01 abc2
        assertThat(values(read("table0", AsOf.current(), List.of("value"))))
                .isEqualTo(Map.of("1", "abc2", "2", "xyz2", "3", "www2"));
        assertThat(values(read("table0", at("2024-02-17T00:00:00Z"), List.of("value"))))
                .isEqualTo(Map.of("1", "abc2", "2", "xyz"));
        // T is inclusive: key 1's correction at exactly 02-01 is visible at 02-01, not a microsecond before.
        assertThat(values(read("table0", at("2024-02-01T00:00:00Z"), List.of("value"))))
                .isEqualTo(Map.of("1", "abc2", "2", "xyz"));
        assertThat(values(read("table0", AsOf.eventTime(micros("2024-02-01T00:00:00Z") - 1), List.of("value"))))
                .isEqualTo(Map.of("1", "abc", "2", "xyz"));
        assertThat(read("table0", at("2023-12-31T23:59:59.999Z"), List.of("value"))).isEmpty();
    }

    @Test
    void table1DeltasOnlyWithSeveralVersionsPerKey() throws IOException {
        // delta1.csv: 2@02-20 xyz2, 2@02-15 xyz1, 1@02-01 abc2
        // delta2.csv: 1@06-29 abc4, 2@06-20 xyz3, 1@06-01 abc3, 2@06-01 xyz2
        assertThat(values(read("table1", AsOf.current(), List.of("value")))).isEqualTo(Map.of("1", "abc4", "2", "xyz3"));
        assertThat(values(read("table1", at("2024-06-01T00:00:00Z"), List.of("value")))).isEqualTo(Map.of("1", "abc3", "2", "xyz2"));
        assertThat(values(read("table1", at("2024-02-16T00:00:00Z"), List.of("value")))).isEqualTo(Map.of("1", "abc2", "2", "xyz1"));
        assertThat(values(read("table1", at("2024-02-01T00:00:00Z"), List.of("value")))).isEqualTo(Map.of("1", "abc2"));
        assertThat(read("table1", at("2024-01-31T00:00:00Z"), List.of("value"))).isEmpty();
    }

    @Test
    void table2EveryColumnType() throws IOException {
        // base.csv: 1@01-01 abc,100,true,01-01; 2@01-01 xyz,200,false,01-01
        // delta1.csv: 3@03-10 www2,300,false,03-01; 2@02-20 xyz2,222,false,01-01; 1@02-01 abc2,100,true,01-01
        long jan1 = micros("2024-01-01T00:00:00Z");
        long mar1 = micros("2024-03-01T00:00:00Z");
        List<String> all = List.of("value1", "value2", "is_active", "created");
        Map<String, List<Object>> current = new LinkedHashMap<>();
        read("table2", AsOf.current(), all).forEach(r -> current.put((String) r[0], List.of(r).subList(1, 6)));
        assertThat(current).isEqualTo(Map.of(
                "1", List.of(micros("2024-02-01T00:00:00Z"), "abc2", 100L, true, jan1),
                "2", List.of(micros("2024-02-20T00:00:00Z"), "xyz2", 222L, false, jan1),
                "3", List.of(micros("2024-03-10T00:00:00Z"), "www2", 300L, false, mar1)));
        Map<String, List<Object>> feb17 = new LinkedHashMap<>();
        read("table2", at("2024-02-17T00:00:00Z"), List.of("created", "value2")).forEach(r -> feb17.put((String) r[0], List.of(r[2], r[3])));
        assertThat(feb17).isEqualTo(Map.of("1", List.of(jan1, 100L), "2", List.of(jan1, 200L)));
    }
}
