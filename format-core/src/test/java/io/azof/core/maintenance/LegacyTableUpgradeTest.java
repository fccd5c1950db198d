package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.LegacyTableUpgrade.LegacyRecords;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.EventHistory;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.testing.LegacyTableWriter;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upgrade on hand-made azof 0.2.1 layouts: which row a tie keeps, what is reported, and what is refused. */
class LegacyTableUpgradeTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("value", ColumnType.STRING, false),
            new Column("amount", ColumnType.INT, true)));
    private static final long JAN1 = micros("2024-01-01T00:00:00Z");
    private static final long FEB1 = micros("2024-02-01T00:00:00Z");
    private static final long APR1 = micros("2024-04-01T00:00:00Z");
    private static final long MAY5 = micros("2024-05-05T00:00:00Z");

    @TempDir
    Path dir;

    private static Object[] row(String key, long time, String value, Long amount) {
        return new Object[] {key, time, value, amount};
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }

    private static LegacyLayout layout(List<Segment> segments, Map<String, List<Object[]>> files) {
        return new LegacyLayout("hand-made", new EventHistory(SCHEMA, List.of()), new Snapshot(1, SCHEMA, segments), files);
    }

    /** key -> row values. */
    private static Map<String, List<Object>> byKeyTime(LegacyRecords records) {
        Map<String, List<Object>> map = new LinkedHashMap<>();
        records.records().forEach(r -> assertThat(map.put(r[0] + "@" + r[1], Arrays.asList(r))).as("record %s", r[0] + "@" + r[1]).isNull());
        return map;
    }

    /** One open segment from Jan 1st: a base and a delta starting at the same instant, holding a row of a at Jan 1st each. */
    private static LegacyLayout baseAndDelta(String baseValue, String deltaValue) {
        Segment segment = new Segment("2024", JAN1, null, "base.parquet",
                List.of(new DeltaFile("delta.parquet", JAN1, micros("2024-12-31T23:59:59.999Z"))), List.of());
        Map<String, List<Object[]>> files = new LinkedHashMap<>();
        files.put("base.parquet", rows(row("a", JAN1, baseValue, 1L), row("b", JAN1, "b0", null)));
        files.put("delta.parquet", rows(row("a", FEB1, "a1", 2L), row("a", JAN1, deltaValue, 1L)));
        return layout(List.of(segment), files);
    }

    @Test
    void identicalRowsInBaseAndDeltaBecomeOneRecord() {
        LegacyRecords records = LegacyTableUpgrade.records(baseAndDelta("a0", "a0").snapshot(), baseAndDelta("a0", "a0")::open);

        assertThat(byKeyTime(records)).containsOnlyKeys("a@" + JAN1, "a@" + FEB1, "b@" + JAN1);
        assertThat(byKeyTime(records).get("a@" + JAN1)).containsExactly("a", JAN1, "a0", 1L);
        assertThat(records.rowsRead()).isEqualTo(4);
        assertThat(records.duplicateRows()).isEqualTo(1);
        assertThat(records.tiedRecords()).isEqualTo(1);
        assertThat(records.conflicts()).isEmpty();
        assertThat(records.keys()).isEqualTo(2);
        assertThat(records.filesRead()).isEqualTo(2);
    }

    @Test
    void differingRowsInBaseAndDeltaKeepTheDeltasAndAreReported() {
        LegacyLayout layout = baseAndDelta("from base", "from delta");

        LegacyRecords records = LegacyTableUpgrade.records(layout.snapshot(), layout::open);

        // As of Jan 1st the planner lists the delta (start <= T) before the base: 0.2.1 returns the delta's row.
        assertThat(layout.readInMemory(AsOf.eventTime(JAN1))).anySatisfy(r -> assertThat(r[2]).isEqualTo("from delta"));
        assertThat(byKeyTime(records).get("a@" + JAN1)).containsExactly("a", JAN1, "from delta", 1L);
        assertThat(records.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.key()).isEqualTo("a");
            assertThat(conflict.eventTimeMicros()).isEqualTo(JAN1);
            assertThat(conflict.files()).containsExactly("delta.parquet", "base.parquet");
            assertThat(conflict.keptFile()).isEqualTo("delta.parquet");
            assertThat(conflict.toString()).isEqualTo("key 'a' at 2024-01-01T00:00:00Z has different rows in [delta.parquet, base.parquet];"
                    + " kept the row from delta.parquet");
        });
    }

    @Test
    void childSegmentRowBeatsParentRowsAndAParentBaseOfALaterSegmentDoesNotMatter() {
        Segment q2 = new Segment("q2", APR1, micros("2024-06-30T23:59:59.999Z"), "q2_base.parquet",
                List.of(new DeltaFile("q2_delta.parquet", APR1, micros("2024-06-30T23:59:59.999Z"))), List.of());
        Segment year = new Segment("2024", JAN1, micros("2024-12-31T23:59:59.999Z"), "year_base.parquet",
                List.of(new DeltaFile("year_delta.parquet", JAN1, micros("2024-12-31T23:59:59.999Z"))), List.of(q2));
        Segment next = new Segment("2025", micros("2025-01-01T00:00:00Z"), null, "next_base.parquet", List.of(), List.of());
        Map<String, List<Object[]>> files = new LinkedHashMap<>();
        files.put("year_base.parquet", rows(row("a", JAN1, "a0", null)));
        files.put("year_delta.parquet", rows(row("a", MAY5, "parent", 5L), row("a", FEB1, "a1", null), row("a", JAN1, "a0", null)));
        files.put("q2_base.parquet", rows(row("a", FEB1, "a1", null)));
        files.put("q2_delta.parquet", rows(row("a", MAY5, "child", 5L)));
        files.put("next_base.parquet", rows(row("a", MAY5, "next base", 5L)));
        LegacyLayout layout = layout(List.of(year, next), files);

        LegacyRecords records = LegacyTableUpgrade.records(layout.snapshot(), layout::open);

        assertThat(byKeyTime(records)).containsOnlyKeys("a@" + JAN1, "a@" + FEB1, "a@" + MAY5);
        assertThat(byKeyTime(records).get("a@" + MAY5)).containsExactly("a", MAY5, "child", 5L);
        assertThat(records.tiedRecords()).isEqualTo(3);
        assertThat(records.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.files()).containsExactly("q2_delta.parquet", "year_delta.parquet", "next_base.parquet");
            assertThat(conflict.keptFile()).isEqualTo("q2_delta.parquet");
        });
    }

    @Test
    void aRowRepeatedInsideOneFileKeepsItsFirstOccurrenceAsTheFirstSeenMergeDoes() {
        Segment segment = new Segment("2024", JAN1, null, null, List.of(new DeltaFile("delta.parquet", JAN1, MAY5)), List.of());
        LegacyLayout layout = layout(List.of(segment), Map.of("delta.parquet",
                rows(row("a", FEB1, "first", 1L), row("a", FEB1, "second", 2L), row("b", FEB1, "b", null), row("b", FEB1, "b", null))));

        LegacyRecords records = LegacyTableUpgrade.records(layout.snapshot(), layout::open);

        assertThat(byKeyTime(records).get("a@" + FEB1)).containsExactly("a", FEB1, "first", 1L);
        assertThat(layout.readInMemory(AsOf.current())).anySatisfy(r -> assertThat(r).containsExactly("a", FEB1, "first", 1L));
        assertThat(records.records()).hasSize(2);
        assertThat(records.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.key()).isEqualTo("a");
            assertThat(conflict.files()).containsExactly("delta.parquet");
        });
    }

    @Test
    void rowsBeforeTheFirstSegmentAreCounted() {
        Segment segment = new Segment("2024", FEB1, null, "base.parquet", List.of(), List.of());
        LegacyLayout layout = layout(List.of(segment), Map.of("base.parquet", rows(row("a", JAN1, "old", null), row("b", FEB1, "b", null))));

        LegacyRecords records = LegacyTableUpgrade.records(layout.snapshot(), layout::open);

        assertThat(records.firstSegmentStartMicros()).isEqualTo(FEB1);
        assertThat(records.recordsBeforeFirstSegment()).isEqualTo(1);
        assertThat(layout.readInMemory(AsOf.eventTime(JAN1))).isEmpty();
    }

    @Test
    void upgradeWritesVersionOneWithNullablePayloadAndReportsWhatItWrote() throws IOException {
        TableStorage source = TestTables.localStorage(dir.resolve("source"));
        TableStorage target = TestTables.localStorage(dir.resolve("target"));
        // The new table's payload columns are all nullable, as 0.2.1 readers treat them ("value" is declared not null).
        LegacyLayout layout = layout(List.of(new Segment("2024", JAN1, null, "base.parquet",
                List.of(new DeltaFile("delta.parquet", JAN1, MAY5)), List.of())), Map.of(
                "base.parquet", rows(row("a", JAN1, "a0", 1L), row("b", JAN1, "b0", null)),
                "delta.parquet", rows(row("a", FEB1, "a1", 2L), row("a", JAN1, "a0", 1L), row("c", MAY5, "c", 3L))));
        LegacyTableWriter.write(layout, source);

        LegacyTableUpgrade.Result result = Table.forStorage(source).newUpgrade(Table.forStorage(target)).granularity(SegmentGranularity.MONTH).buckets(2).commit();

        assertThat(result.source()).isEqualTo(source.tableLocation());
        assertThat(result.target()).isEqualTo(target.tableLocation());
        assertThat(result.sourceVersion()).isEqualTo(1);
        assertThat(result.version()).isEqualTo(1);
        assertThat(result.filesRead()).isEqualTo(2);
        assertThat(result.rowsRead()).isEqualTo(5);
        assertThat(result.records()).isEqualTo(4);
        assertThat(result.keys()).isEqualTo(3);
        assertThat(result.duplicateRows()).isEqualTo(1);
        assertThat(result.conflicts()).isEmpty();
        Snapshot written = Table.forStorage(target).latestSnapshot();
        assertThat(written.commit().filesAdded()).isEqualTo(result.filesWritten()).isPositive();
        assertThat(written.table().schema().fields()).containsExactly(
                new StructField("key", PrimitiveType.STRING, false),
                new StructField("event_time", PrimitiveType.TIMESTAMP, false),
                new StructField("value", PrimitiveType.STRING, true),
                new StructField("amount", PrimitiveType.LONG, true));
        assertThat(UpgradeComparison.sorted(UpgradeComparison.read(target, written, AsOf.eventTime(JAN1)))).containsExactly(
                List.of("a", JAN1, "a0", 1L), Arrays.asList("b", JAN1, "b0", null));
        assertThat(UpgradeComparison.sorted(UpgradeComparison.read(target, written, AsOf.current()))).containsExactly(
                List.of("a", FEB1, "a1", 2L), Arrays.asList("b", JAN1, "b0", null), List.of("c", MAY5, "c", 3L));
    }

    // ---- refusals ----

    private TableStorage legacySource() throws IOException {
        TableStorage source = TestTables.localStorage(dir.resolve("source"));
        LegacyTableWriter.write(baseAndDelta("a0", "a0"), source);
        return source;
    }

    private static void writeFormatVersion2Table(TableStorage storage) {
        StructType schema = StructType.of(new StructField("key", PrimitiveType.STRING, false),
                new StructField("event_time", PrimitiveType.TIMESTAMP, false), new StructField("value", PrimitiveType.STRING, true));
        Table.forStorage(storage).newWrite(WriteOptions.append()).rows(schema, List.<Object[]>of(new Object[] {"x", JAN1, "v"})).commit();
    }

    @Test
    void refusesATargetHoldingAFormatVersion2Table() throws IOException {
        TableStorage source = legacySource();
        TableStorage target = TestTables.localStorage(dir.resolve("target"));
        writeFormatVersion2Table(target);

        assertThatThrownBy(() -> Table.forStorage(source).newUpgrade(Table.forStorage(target)).granularity(SegmentGranularity.MONTH).buckets(4).commit())
                .isInstanceOf(TableAlreadyExistsException.class)
                .hasMessage("Target " + target.tableLocation() + " already holds a table; an upgrade writes a new table, so give a"
                        + " location without one. Nothing was committed (Table " + target.tableLocation() + " already exists (latest"
                        + " version 1); a create commits only as a table's first version, so it committed nothing)");
        assertThat(Table.forStorage(target).latestSnapshot().version()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("target").resolve("s2.json"))).isFalse();
    }

    @Test
    void refusesATargetHoldingAnAzof021Table() throws IOException {
        TableStorage source = legacySource();
        TableStorage target = TestTables.localStorage(dir.resolve("target"));
        LegacyTableWriter.write(baseAndDelta("x", "x"), target);

        assertThatThrownBy(() -> Table.forStorage(source).newUpgrade(Table.forStorage(target)).commit())
                .isInstanceOf(TableAlreadyExistsException.class)
                .hasMessageContaining("Target " + target.tableLocation() + " already holds a table")
                .hasMessageContaining("already exists (latest version 1)");
        // The source itself is a table: upgrading in place is refused the same way.
        assertThatThrownBy(() -> Table.forStorage(source).newUpgrade(Table.forStorage(source)).commit())
                .isInstanceOf(TableAlreadyExistsException.class)
                .hasMessageContaining("Target " + source.tableLocation() + " already holds a table");
    }

    @Test
    void aStrayVersionHintIsNoTable() throws IOException {
        TableStorage source = legacySource();
        Path hintOnly = Files.createDirectories(dir.resolve("hint-only"));
        Files.writeString(hintOnly.resolve("version.txt"), "3");
        TableStorage hinted = TestTables.localStorage(hintOnly);

        // version.txt is only a hint (SPEC section 6.5): without the snapshot it names, nothing is there to keep.
        LegacyTableUpgrade.Result result = Table.forStorage(source).newUpgrade(Table.forStorage(hinted)).commit();

        assertThat(result.version()).isEqualTo(1);
        assertThat(Table.forStorage(hinted).latestVersion()).isEqualTo(1);
        assertThat(Files.readString(hintOnly.resolve("version.txt")).strip()).isEqualTo("1");
    }

    @Test
    void refusesASourceThatIsAFormatVersion2Table() throws IOException {
        TableStorage source = TestTables.localStorage(dir.resolve("source"));
        writeFormatVersion2Table(source);
        TableStorage target = TestTables.localStorage(dir.resolve("target"));

        assertThatThrownBy(() -> Table.forStorage(source).newUpgrade(Table.forStorage(target)).granularity(SegmentGranularity.MONTH).buckets(4).commit())
                .isInstanceOf(AzofException.class)
                .hasMessage("Source " + source.tableLocation() + " is not an azof 0.2.1 table: it is a format version 3 table (version 1),"
                        + " which already has the fast layout");
        assertThat(Files.exists(dir.resolve("target"))).isFalse();
    }

    @Test
    void refusesASourceThatHoldsNoTable() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        TableStorage source = TestTables.localStorage(dir.resolve("empty"));
        TableStorage target = TestTables.localStorage(dir.resolve("target"));

        assertThatThrownBy(() -> Table.forStorage(source).newUpgrade(Table.forStorage(target)).granularity(SegmentGranularity.MONTH).buckets(4).commit())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageStartingWith("Source " + source.tableLocation() + " is not an azof 0.2.1 table: No azof table at "
                        + source.tableLocation());
        assertThat(Files.exists(dir.resolve("target"))).isFalse();
    }

    @Test
    void refusesABadBucketCountBeforeWritingAnything() throws IOException {
        TableStorage source = legacySource();
        TableStorage target = TestTables.localStorage(dir.resolve("target"));

        assertThatThrownBy(() -> Table.forStorage(source).newUpgrade(Table.forStorage(target)).granularity(SegmentGranularity.MONTH).buckets(0).commit())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Option 'buckets' must be between 1 and 4096, not 0");
        assertThat(Files.exists(dir.resolve("target"))).isFalse();
    }
}
