package io.azof.core.metadata;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidMetadataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
    private static final String NESTED = """
            {
              "schema": {"columns": [
                {"name": "value", "data_type": "String", "nullable": false},
                {"name": "qty", "data_type": "Int", "nullable": true},
                {"name": "ok", "data_type": "Boolean", "nullable": false},
                {"name": "at", "data_type": "DateTime", "nullable": true}
              ]},
              "segments": [
                {
                  "id": "10",
                  "start": "2024-01-01T00:00:00.000Z",
                  "end": "2024-12-31T23:59:59.999Z",
                  "file": "base10.parquet",
                  "segments": [
                    {
                      "id": "11",
                      "start": "2024-01-01T00:00:00.000Z",
                      "end": "2024-06-30T23:59:59.999Z",
                      "delta": [
                        {"file": "d111.parquet", "start": "2024-01-01T00:00:00.000Z", "end": "2024-03-31T23:59:59.999Z"},
                        {"file": "d112.parquet", "start": "2024-04-01T00:00:00.000Z", "end": "2024-06-30T23:59:59.999Z"}
                      ]
                    }
                  ]
                },
                {"id": "20", "start": "2025-01-01T00:00:00.000Z", "file": "base20.parquet"}
              ]
            }""";

    @Test
    void parsesSchemaAndNestedSegmentTree() {
        Snapshot snapshot = SnapshotJson.parse("s7.json", 7, NESTED);

        assertThat(snapshot.version()).isEqualTo(7);
        assertThat(snapshot.schema().columns()).containsExactly(
                new Column("value", ColumnType.STRING, false),
                new Column("qty", ColumnType.INT, true),
                new Column("ok", ColumnType.BOOLEAN, false),
                new Column("at", ColumnType.DATE_TIME, true));
        Segment year = snapshot.segments().get(0);
        assertThat(year.id()).isEqualTo("10");
        assertThat(year.endMicros()).isEqualTo(micros("2024-12-31T23:59:59.999Z"));
        assertThat(year.baseFile()).isEqualTo("base10.parquet");
        Segment half = year.children().get(0);
        assertThat(half.baseFile()).isNull();
        assertThat(half.deltas()).containsExactly(
                new DeltaFile("d111.parquet", micros("2024-01-01T00:00:00Z"), micros("2024-03-31T23:59:59.999Z")),
                new DeltaFile("d112.parquet", micros("2024-04-01T00:00:00Z"), micros("2024-06-30T23:59:59.999Z")));
        Segment current = snapshot.segments().get(1);
        assertThat(current.isOpen()).isTrue();
        assertThat(current.deltas()).isEmpty();
        assertThat(current.children()).isEmpty();
    }

    @Test
    void writtenSnapshotParsesBackToTheSameModel() {
        Snapshot original = SnapshotJson.parse("s1.json", 1, NESTED);
        Snapshot reparsed = SnapshotJson.parse("s1.json", 1, SnapshotJson.write(original));
        assertThat(reparsed).isEqualTo(original);
    }

    @Test
    void timestampsAreWrittenInTheMillisecondFormOfAzof021() {
        Snapshot snapshot = new Snapshot(1, new TableSchema(List.of()), List.of(
                new Segment("s", micros("2024-01-01T00:00:00Z"), null, "b.parquet", List.of(), List.of())));
        assertThat(SnapshotJson.write(snapshot)).contains("\"start\" : \"2024-01-01T00:00:00.000Z\"");
    }

    @Test
    void brokenJsonNamesTheFile() {
        assertThatThrownBy(() -> SnapshotJson.parse("s3.json", 3, "{\"schema\": {"))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s3.json")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void missingTopLevelFieldIsNamed() {
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, "{\"schema\": {\"columns\": []}}"))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s1.json")
                .hasMessageContaining("required field segments is missing");
    }

    @Test
    void missingNestedFieldIsNamedByItsPath() {
        String json = NESTED.replace("{\"file\": \"d112.parquet\", \"start\": \"2024-04-01T00:00:00.000Z\", ",
                "{\"file\": \"d112.parquet\", ");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, json))
                .hasMessageContaining("s1.json")
                .hasMessageContaining("segments[0].segments[0].delta[1].start");
    }

    @Test
    void missingSegmentStartIsNamed() {
        String json = NESTED.replace("{\"id\": \"20\", \"start\": \"2025-01-01T00:00:00.000Z\",", "{\"id\": \"20\",");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, json))
                .hasMessageContaining("required field segments[1].start is missing");
    }

    @Test
    void unknownColumnTypeIsNamedWithTheKnownOnes() {
        String json = NESTED.replace("\"data_type\": \"Int\"", "\"data_type\": \"Float\"");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, json))
                .hasMessageContaining("schema.columns[1].data_type")
                .hasMessageContaining("'Float'")
                .hasMessageContaining("String, Int, Boolean, DateTime");
    }

    @Test
    void malformedTimestampIsNamed() {
        String json = NESTED.replace("\"start\": \"2025-01-01T00:00:00.000Z\"", "\"start\": \"January 2025\"");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, json))
                .hasMessageContaining("segments[1].start")
                .hasMessageContaining("'January 2025'");
    }

    @Test
    void wrongJsonTypesAreNamed() {
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, NESTED.replace("\"nullable\": false}", "\"nullable\": \"no\"}")))
                .hasMessageContaining("schema.columns[0].nullable must be true or false");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, NESTED.replace("\"id\": \"20\"", "\"id\": 20")))
                .hasMessageContaining("segments[1].id must be a string");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, "{\"schema\": {\"columns\": []}, \"segments\": {}}"))
                .hasMessageContaining("segments must be an array");
    }

    @Test
    void payloadColumnMayNotReuseTheKeyOrEventTimeName() {
        String json = NESTED.replace("\"name\": \"qty\"", "\"name\": \"event_time\"");
        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, json))
                .hasMessageContaining("schema.columns[1].name 'event_time' is reserved");
    }

    @Test
    void version2BasesRoundTripWithTheVersionTheyCover() {
        TableDefinition table = TableDefinition.create(List.of("k"), "event_time", io.azof.core.types.StructType.of(
                        new io.azof.core.types.StructField("k", io.azof.core.types.PrimitiveType.STRING, false),
                        new io.azof.core.types.StructField("event_time", io.azof.core.types.PrimitiveType.TIMESTAMP, false)),
                io.azof.core.layout.SegmentGranularity.MONTH, 2).withFormatVersion(TableDefinition.LISTING_FORMAT);
        long feb = micros("2024-02-01T00:00:00Z");
        long febEnd = micros("2024-02-29T23:59:59.999999Z");
        FileStats delta = new FileStats(1, 3, 300, new Object[] {"a"}, new Object[] {"c"}, feb, febEnd, 0, 2);
        FileStats base = new FileStats(1, 5, 500, new Object[] {"a"}, new Object[] {"e"}, micros("2024-01-03T00:00:00Z"),
                micros("2024-01-30T00:00:00Z"), 1, 4);
        Segment segment = new Segment("2024-02", feb, febEnd, null,
                List.of(new DeltaFile("data/2024-02/b1-d.parquet", feb, febEnd, delta)), List.of(),
                List.of(new BaseFile("data/2024-02/base-b1-x.parquet", base, 3)));
        Snapshot snapshot = new Snapshot(4, table, List.of(segment),
                new CommitInfo(1_700_000_000_000L, "compact", null, List.of(), 5, 1, 0, 0));

        String json = SnapshotJson.write(snapshot);

        assertThat(json).contains("\"covers_version\" : 3");
        Snapshot parsed = SnapshotJson.parse("s4.json", 4, json);
        assertThat(parsed.segments().get(0).bases()).containsExactly(new BaseFile("data/2024-02/base-b1-x.parquet", base, 3));
        assertThat(parsed.segments().get(0).deltas()).containsExactly(new DeltaFile("data/2024-02/b1-d.parquet", feb, febEnd, delta));
    }

    @Test
    void basesInAnAzof021SnapshotAreRefusedNamingThePath() {
        String json = """
                {"schema": {"columns": []}, "segments": [{"id": "1", "start": "2024-01-01T00:00:00.000Z", "bases": []}]}""";

        assertThatThrownBy(() -> SnapshotJson.parse("s1.json", 1, json))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s1.json").hasMessageContaining("segments[0].bases");
    }
}
