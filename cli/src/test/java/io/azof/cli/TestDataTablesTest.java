package io.azof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the committed tables in {@code test-data/} through format-core and checks the answers documented
 * in {@code test-data/README.md}. Rows are written {@code key | event_time | payload...} as there, with
 * times as ISO-8601 instants and nulls as {@code null}.
 */
class TestDataTablesTest {
    private static final long MILLI = 1_000L;

    private static Path testDataDir() {
        String dir = System.getProperty("azof.test.data.dir");
        assertThat(dir).as("system property azof.test.data.dir (set by surefire)").isNotNull();
        return Path.of(dir);
    }

    private static TableStorage open(String table) throws IOException {
        return TestTables.localStorage(testDataDir().resolve(table));
    }

    private static List<String> read(String table, String asOf) throws IOException {
        AsOf at = asOf.equals("current") ? AsOf.current() : AsOf.eventTime(Instant.parse(asOf));
        return read(open(table), at);
    }

    private static List<String> read(TableStorage storage, AsOf asOf) {
        Snapshot snapshot = Table.forStorage(storage).latestSnapshot();
        List<String> columns = snapshot.schema().columns().stream().map(Column::name).toList();
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> merged = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(asOf).select(columns).rows()) {
            merged.forEachRemaining(row -> rows.add(format(snapshot, row)));
        }
        rows.sort(null);
        return rows;
    }

    private static String format(Snapshot snapshot, Object[] row) {
        List<String> values = new ArrayList<>();
        values.add((String) row[0]);
        values.add(Micros.toInstant((Long) row[1]).toString());
        for (int i = 2; i < row.length; i++) {
            Object value = row[i];
            boolean time = snapshot.schema().columns().get(i - 2).type() == ColumnType.DATE_TIME;
            values.add(value == null ? "null" : time ? Micros.toInstant((Long) value).toString() : value.toString());
        }
        return String.join(" | ", values);
    }

    @Test
    void pricesBeforeTheFirstSegmentIsEmpty() throws IOException {
        assertThat(read("prices", "2024-06-01T00:00:00Z")).isEmpty();
    }

    @Test
    void pricesAtTheSegmentStartIsTheBase() throws IOException {
        assertThat(read("prices", "2024-06-03T13:30:00Z")).containsExactly(
                "ACME | 2024-06-03T13:30:00Z | 101.50",
                "GLOBX | 2024-06-03T13:30:00Z | 48.10",
                "INITECH | 2024-06-03T13:30:00Z | 12.00");
    }

    @Test
    void pricesAsOfIncludesATickAtExactlyTheAsOfTime() throws IOException {
        assertThat(read("prices", "2024-06-04T15:00:00Z")).containsExactly(
                "ACME | 2024-06-04T14:30:00Z | 102.25",
                "GLOBX | 2024-06-03T13:30:00Z | 48.10",
                "HOOLI | 2024-06-04T15:00:00Z | 250.00",
                "INITECH | 2024-06-03T13:30:00Z | 12.00");
    }

    @Test
    void pricesMidWeek() throws IOException {
        assertThat(read("prices", "2024-06-05T12:00:00Z")).containsExactly(
                "ACME | 2024-06-04T14:30:00Z | 102.25",
                "GLOBX | 2024-06-04T18:00:00Z | 49.95",
                "HOOLI | 2024-06-04T15:00:00Z | 250.00",
                "INITECH | 2024-06-03T13:30:00Z | 12.00");
    }

    @Test
    void pricesCurrent() throws IOException {
        assertThat(read("prices", "current")).containsExactly(
                "ACME | 2024-06-06T19:45:00Z | 99.80",
                "GLOBX | 2024-06-04T18:00:00Z | 49.95",
                "HOOLI | 2024-06-05T14:00:00Z | 253.75",
                "INITECH | 2024-06-03T13:30:00Z | 12.00");
    }

    @Test
    void sensorsBeforeTheFirstSegmentIsEmpty() throws IOException {
        assertThat(read("sensors", "2024-02-01T00:00:00Z")).isEmpty();
    }

    @Test
    void sensorsAtTheStartOfTheClosedSegmentIsItsBase() throws IOException {
        assertThat(read("sensors", "2024-03-01T00:00:00Z")).containsExactly(
                "gh-01 | 2024-03-01T00:00:00Z | north | 61 | 2024-03-01T00:00:30Z",
                "gh-02 | 2024-03-01T00:00:00Z | north | 58 | 2024-03-01T00:00:30Z",
                "gh-03 | 2024-03-01T00:00:00Z | south | 70 | 2024-03-01T00:00:30Z");
    }

    @Test
    void sensorsInTheFirstChildSegmentWhichHasNoBase() throws IOException {
        assertThat(read("sensors", "2024-03-10T00:00:00Z")).containsExactly(
                "gh-01 | 2024-03-05T06:00:00Z | north | 63 | 2024-03-05T06:00:30Z",
                "gh-02 | 2024-03-01T00:00:00Z | north | 58 | 2024-03-01T00:00:30Z",
                "gh-03 | 2024-03-08T06:00:00Z | south | 72 | 2024-03-08T06:00:30Z");
    }

    @Test
    void sensorsInTheSecondChildSegmentSeesANewSensor() throws IOException {
        assertThat(read("sensors", "2024-03-21T00:00:00Z")).containsExactly(
                "gh-01 | 2024-03-12T06:00:00Z | north | 60 | 2024-03-12T06:00:30Z",
                "gh-02 | 2024-03-14T06:00:00Z | north | 57 | 2024-03-14T06:00:30Z",
                "gh-03 | 2024-03-18T06:00:00Z | south | 74 | 2024-03-18T06:00:30Z",
                "gh-04 | 2024-03-20T06:00:00Z | south | 66 | 2024-03-20T06:00:30Z");
    }

    @Test
    void sensorsAtTheInclusiveEndOfTheClosedSegment() throws IOException {
        assertThat(read("sensors", "2024-03-31T23:59:59.999Z")).containsExactly(
                "gh-01 | 2024-03-22T06:00:00Z | north | 62 | 2024-03-22T06:00:30Z",
                "gh-02 | 2024-03-26T06:00:00Z | north | 55 | 2024-03-26T06:00:30Z",
                "gh-03 | 2024-03-18T06:00:00Z | south | 74 | 2024-03-18T06:00:30Z",
                "gh-04 | 2024-03-30T06:00:00Z | south | 68 | 2024-03-30T06:00:30Z");
    }

    @Test
    void sensorsDuringTheOutageShowTheLateReadings() throws IOException {
        assertThat(read("sensors", "2024-04-10T00:00:00Z")).containsExactly(
                "gh-01 | 2024-04-09T06:00:00Z | north | 65 | 2024-04-09T06:00:30Z",
                "gh-02 | 2024-04-09T06:00:00Z | north | 59 | 2024-04-13T08:00:05Z",
                "gh-03 | 2024-04-03T06:00:00Z | east | 71 | 2024-04-03T06:00:30Z",
                "gh-04 | 2024-03-30T06:00:00Z | south | 68 | 2024-03-30T06:00:30Z");
    }

    @Test
    void sensorsCurrent() throws IOException {
        assertThat(read("sensors", "current")).containsExactly(
                "gh-01 | 2024-04-18T06:00:00Z | north | 66 | 2024-04-18T06:00:30Z",
                "gh-02 | 2024-04-13T08:00:00Z | north | 60 | 2024-04-13T08:00:30Z",
                "gh-03 | 2024-04-16T06:00:00Z | east | 69 | 2024-04-16T06:00:30Z",
                "gh-04 | 2024-04-20T06:00:00Z | south | 67 | 2024-04-20T06:00:30Z");
    }

    @Test
    void allTypesBeforeTheFirstSegmentIsEmpty() throws IOException {
        assertThat(read("all_types", "2023-12-31T23:59:59.999Z")).isEmpty();
    }

    @Test
    void allTypesAtTheSegmentStartHoldsNullsFromTheBase() throws IOException {
        assertThat(read("all_types", "2024-01-01T00:00:00Z")).containsExactly(
                "sku-001 | 2024-01-01T00:00:00Z | Espresso cups (set of 4) | 12 | true | 2023-12-28T09:15:00Z"
                        + " | Fragile, keep upright | 5 | null",
                "sku-002 | 2024-01-01T00:00:00Z | Crème brûlée torch | 0 | false | null | null | null | false",
                "sku-003 | 2024-01-01T00:00:00Z | Oak cutting board | 7 | true | 2023-12-20T16:00:00Z | null | 3 | true");
    }

    @Test
    void allTypesMidJanuary() throws IOException {
        assertThat(read("all_types", "2024-01-12T00:00:00Z")).containsExactly(
                "sku-001 | 2024-01-01T00:00:00Z | Espresso cups (set of 4) | 12 | true | 2023-12-28T09:15:00Z"
                        + " | Fragile, keep upright | 5 | null",
                "sku-002 | 2024-01-10T12:00:00Z | Crème brûlée torch | 8 | true | 2024-01-10T11:30:00Z"
                        + " | Back in stock | 2 | null",
                "sku-003 | 2024-01-01T00:00:00Z | Oak cutting board | 7 | true | 2023-12-20T16:00:00Z | null | 3 | true");
    }

    @Test
    void allTypesCurrentReplacesValuesWithNullsAndNullsWithValues() throws IOException {
        assertThat(read("all_types", "current")).containsExactly(
                "sku-001 | 2024-01-20T10:00:00Z | Espresso cups (set of 4) | 30 | true | 2024-01-20T09:45:00Z"
                        + " | null | 10 | true",
                "sku-002 | 2024-01-10T12:00:00Z | Crème brûlée torch | 8 | true | 2024-01-10T11:30:00Z"
                        + " | Back in stock | 2 | null",
                "sku-003 | 2024-01-01T00:00:00Z | Oak cutting board | 7 | true | 2023-12-20T16:00:00Z | null | 3 | true",
                "sku-004 | 2024-01-15T08:30:00Z | Cast iron skillet | -2 | false | null"
                        + " | Backordered from \"Forge & Co\" | null | null");
    }

    /**
     * The layout is valid when azof's planner agrees with the definition (per key, the latest event at or
     * before T) at every instant where the answer can change: each event time and segment or delta bound,
     * a millisecond either side of it, and current.
     */
    @ParameterizedTest
    @ValueSource(strings = {"prices", "sensors", "all_types"})
    void plannerAgreesWithLatestEventPerKeyAtEveryInterestingInstant(String name) throws IOException {
        TableStorage table = open(name);
        Map<String, TreeMap<Long, String>> events = events(table);
        TreeSet<Long> instants = new TreeSet<>();
        events.values().forEach(byTime -> instants.addAll(byTime.keySet()));
        Table.forStorage(table).latestSnapshot().segments().forEach(segment -> addBounds(segment, instants));

        for (long t : instants.stream().flatMap(t -> Stream.of(t - MILLI, t, t + MILLI)).collect(Collectors.toCollection(TreeSet::new))) {
            assertThat(read(table, AsOf.eventTime(t))).as("%s as of %s", name, Micros.toInstant(t))
                    .isEqualTo(latestPerKey(events, t));
        }
        assertThat(read(table, AsOf.current())).as("%s current", name).isEqualTo(latestPerKey(events, Long.MAX_VALUE));
    }

    /** Every event of the table, per key and event time, from all of its data files; bases repeat delta rows. */
    private static Map<String, TreeMap<Long, String>> events(TableStorage storage) {
        Snapshot snapshot = Table.forStorage(storage).latestSnapshot();
        List<String> columns = snapshot.schema().columns().stream().map(Column::name).toList();
        Map<String, TreeMap<Long, String>> events = new HashMap<>();
        for (String file : TableGenerator.dataFiles(snapshot)) {
            try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, file, TableDefinition.legacy(snapshot.schema()).schema(),
                    Stream.concat(Stream.of("key", "event_time"), columns.stream()).toList())) {
                rows.forEachRemaining(row -> {
                    String formatted = format(snapshot, row);
                    String previous = events.computeIfAbsent((String) row[0], k -> new TreeMap<>()).put((Long) row[1], formatted);
                    assertThat(previous).as("the same key and event time in two files must be the same event")
                            .isIn(null, formatted);
                });
            }
        }
        return events;
    }

    private static void addBounds(Segment segment, TreeSet<Long> instants) {
        instants.add(segment.startMicros());
        if (segment.endMicros() != null) {
            instants.add(segment.endMicros());
        }
        segment.deltas().forEach(delta -> {
            instants.add(delta.startMicros());
            instants.add(delta.endMicros());
        });
        segment.children().forEach(child -> addBounds(child, instants));
    }

    private static List<String> latestPerKey(Map<String, TreeMap<Long, String>> events, long t) {
        List<String> rows = new ArrayList<>();
        events.values().forEach(byTime -> {
            Map.Entry<Long, String> latest = byTime.floorEntry(t);
            if (latest != null) {
                rows.add(latest.getValue());
            }
        });
        rows.sort(null);
        return rows;
    }
}
