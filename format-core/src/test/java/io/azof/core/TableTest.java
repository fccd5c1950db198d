package io.azof.core;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.LegacyTableException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.HadoopStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.TableHistory;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.EventHistory;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.testing.LegacyTableWriter;
import io.azof.core.testing.SuppliedClock;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public Java API as a user meets it: one {@link Table}, reads through scans, every change an operation ending in commit(). */
class TableTest {
    private static final StructType PRICES = StructType.of(
            new StructField("ticker", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("price", PrimitiveType.LONG, true),
            new StructField("venue", PrimitiveType.STRING, true));
    private static final TableDefinition DEFINITION = TableDefinition.create(List.of("ticker"), "at", PRICES, SegmentGranularity.MONTH, 2);

    @TempDir
    Path dir;

    private Table table(String name) {
        return Table.forPath(HadoopStorage.withDefaults(), dir.resolve(name).toUri().toString());
    }

    private static Object[] row(String ticker, String day, long price) {
        return new Object[] {ticker, startOfDayMicros(day), price, "X" + ticker};
    }

    /** ticker -> price of each row a scan returns, the scan selecting price only. */
    private static Map<String, Long> prices(TableScan scan) {
        Map<String, Long> prices = new TreeMap<>();
        try (CloseableIterator<Object[]> rows = scan.select(List.of("price")).rows()) {
            rows.forEachRemaining(r -> {
                assertThat(r).as("key, event time, price").hasSize(3);
                prices.put((String) r[0], (Long) r[2]);
            });
        }
        return prices;
    }

    @Test
    void createMakesAnEmptyFirstVersionWithTheDefinition() {
        Table table = Table.create(HadoopStorage.withDefaults(), dir.resolve("t").toUri().toString(), DEFINITION);

        Snapshot snapshot = table.latestSnapshot();
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.table()).isEqualTo(DEFINITION);
        assertThat(snapshot.segments()).isEmpty();
        assertThat(table.history()).extracting(TableHistory.VersionInfo::operation).containsExactly("create");
        assertThat(prices(table.newScan())).isEmpty();
        assertThat(snapshot.table().properties()).containsExactly(Map.entry("keyColumns", "ticker"), Map.entry("eventTimeColumn", "at"),
                Map.entry("segmentGranularity", "month"), Map.entry("buckets", "2"), Map.entry("autoCompact", "true"),
                Map.entry("autoCompact.maxRuns", "8"));
    }

    @Test
    void creatingWhereATableIsFailsTypedAndChangesNothing() {
        Table table = table("t");
        table.newAppend().keyColumns("ticker").eventTimeColumn("at").rows(PRICES, List.<Object[]>of(row("A", "2024-01-01", 1))).commit();

        assertThatThrownBy(() -> table.create(DEFINITION))
                .isInstanceOf(TableAlreadyExistsException.class)
                .hasMessage("Table " + table.location() + " already exists (latest version 1); a create commits only as a table's first"
                        + " version, so it committed nothing");
        assertThatThrownBy(() -> table.newCreate().keyColumns("ticker").eventTimeColumn("at")
                .rows(PRICES, List.<Object[]>of(row("B", "2024-01-01", 2))).commit())
                .isInstanceOf(TableAlreadyExistsException.class);

        assertThat(table.latestVersion()).isEqualTo(1);
        assertThat(prices(table.newScan())).isEqualTo(Map.of("A", 1L));
    }

    @Test
    void aCreateRetriedWithItsWriteIdIsSkippedNotRefused() {
        Table table = table("t");
        List<Object[]> rows = List.<Object[]>of(row("A", "2024-01-01", 1));
        CommitResult first = table.newCreate().keyColumns("ticker").eventTimeColumn("at").writeId("job-7").rows(PRICES, rows).commit();
        CommitResult retry = table.newCreate().keyColumns("ticker").eventTimeColumn("at").writeId("job-7").rows(PRICES, rows).commit();

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.skipped()).isFalse();
        assertThat(retry.skipped()).isTrue();
        assertThat(retry.version()).isEqualTo(1);
    }

    @Test
    void noTableHasVersionZeroAndNoSnapshot() {
        Table table = table("none");
        assertThat(table.exists()).isFalse();
        assertThat(table.latestVersion()).isZero();
        assertThatThrownBy(table::latestSnapshot).isInstanceOf(TableNotFoundException.class).hasMessageContaining(table.location());
        assertThatThrownBy(table::history).isInstanceOf(TableNotFoundException.class);
        assertThatThrownBy(() -> table.expireVersions().retainLast(1).commit())
                .isInstanceOf(TableNotFoundException.class).hasMessageEndingWith("; expireVersions changed nothing");
    }

    @Test
    void scansReadAsOfAnEventTimeAtAVersionOrASystemTime() {
        AtomicLong clock = new AtomicLong(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
        Table table = table("t").withClock(new SuppliedClock(clock::get));
        table.newAppend().keyColumns("ticker").eventTimeColumn("at")
                .rows(PRICES, List.of(row("A", "2024-01-01", 10), row("B", "2024-01-01", 20))).commit();
        clock.set(Instant.parse("2024-03-05T00:00:00Z").toEpochMilli());
        // A late correction of A, about January 15th.
        table.newAppend().rows(PRICES, List.<Object[]>of(row("A", "2024-01-15", 11))).commit();

        assertThat(prices(table.newScan().asOf(AsOf.eventTime(startOfDayMicros("2024-01-10"))))).isEqualTo(Map.of("A", 10L, "B", 20L));
        assertThat(prices(table.newScan().asOf(AsOf.eventTime(startOfDayMicros("2024-01-20"))))).isEqualTo(Map.of("A", 11L, "B", 20L));
        assertThat(prices(table.newScan().atVersion(1).asOf(AsOf.eventTime(startOfDayMicros("2024-01-20"))))).isEqualTo(Map.of("A", 10L, "B", 20L));
        assertThat(prices(table.newScan().atSystemTime(Instant.parse("2024-03-02T00:00:00Z")))).isEqualTo(Map.of("A", 10L, "B", 20L));
        assertThat(prices(table.newScan().atSystemTime(Instant.parse("2024-03-05T00:00:00Z")))).isEqualTo(Map.of("A", 11L, "B", 20L));
        assertThat(prices(table.newScan().asOf(AsOf.eventTime(startOfDayMicros("2023-12-31"))))).isEmpty();
        assertThat(table.snapshotAt(Instant.parse("2024-03-04T00:00:00Z")).version()).isEqualTo(1);
    }

    @Test
    void aScanReturnsKeyEventTimeAndTheSelectedColumnsInTheirOrder() {
        Table table = table("t");
        table.newAppend().keyColumns("ticker").eventTimeColumn("at").rows(PRICES, List.<Object[]>of(row("A", "2024-01-01", 10))).commit();

        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> it = table.newScan().select(List.of("venue", "price")).rows()) {
            it.forEachRemaining(r -> rows.add(Arrays.asList(r)));
        }
        assertThat(rows).containsExactly(List.of("A", startOfDayMicros("2024-01-01"), "XA", 10L));
        assertThatThrownBy(() -> table.newScan().select(List.of("volume")).planTasks())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'volume' is not a payload column of table " + table.location() + " [price, venue]");
    }

    @Test
    void aWriteNeedsRowsOrPreparedFiles() {
        Table table = table("t");
        assertThatThrownBy(() -> table.newAppend().commit())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("nothing to write");
        WriteOperation write = table.newAppend().keyColumns("ticker").eventTimeColumn("at");
        write.prepare(PRICES);
        assertThatThrownBy(() -> write.rows(PRICES, List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.newAppend().addFiles(List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(table.exists()).isFalse();
    }

    @Test
    void expiryMustBeToldWhichVersionsGo() {
        Table table = table("t");
        table.create(DEFINITION);
        assertThatThrownBy(() -> table.expireVersions().commit())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("retainLast(n), olderThan(instant) or both");
    }

    @Test
    void vacuumSettingsDoNotDependOnTheirOrder() {
        Table table = table("t");
        table.create(DEFINITION);
        assertThat(table.vacuum().retention(Duration.ofHours(1)).allowShortRetention().dryRun().commit().files()).isEmpty();
        assertThat(table.vacuum().allowShortRetention().retention(Duration.ofHours(1)).dryRun().commit().files()).isEmpty();
        assertThatThrownBy(() -> table.vacuum().retention(Duration.ofHours(1)).commit())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("under the minimum of 7 days");
    }

    @Test
    void alterSchemaAddsAColumnAsANewVersion() {
        Table table = table("t");
        table.create(DEFINITION);
        CommitResult altered = table.alterSchema().change(SchemaChange.AddColumn.nullable("volume", PrimitiveType.LONG)).commit();

        assertThat(altered.version()).isEqualTo(2);
        assertThat(table.latestSnapshot().table().payloadColumns()).containsExactly("price", "venue", "volume");
        assertThat(table.snapshot(1).table()).isEqualTo(DEFINITION);
    }

    /**
     * Every change of an azof 0.2.1 table is refused with one typed exception, whichever operation asks, and leaves the
     * table's files as they were.
     */
    @Test
    void azof021TablesRefuseEveryChangeWithOneTypedException() throws IOException {
        Table legacy = table("legacy");
        writeLegacyTable(dir.resolve("legacy"));
        Map<String, byte[]> before = contents(dir.resolve("legacy"));
        StructType input = StructType.of(new StructField("key", PrimitiveType.STRING, false),
                new StructField("event_time", PrimitiveType.TIMESTAMP, false), new StructField("value", PrimitiveType.STRING, true));
        Map<String, Consumer<Table>> changes = new TreeMap<>(Map.of(
                "append", t -> t.newAppend().rows(input, List.<Object[]>of(new Object[] {"k", startOfDayMicros("2024-01-01"), "v"})).commit(),
                "overwrite", t -> t.newOverwrite().rows(input, List.<Object[]>of(new Object[] {"k", startOfDayMicros("2024-01-01"), "v"})).commit(),
                "alter", t -> t.alterSchema().change(SchemaChange.AddColumn.nullable("note", PrimitiveType.STRING)).commit(),
                "compact", t -> t.newCompaction(CompactionPolicy.defaults()).commit(),
                "expireVersions", t -> t.expireVersions().retainLast(1).commit(),
                "vacuum", t -> t.vacuum().commit()));

        changes.forEach((operation, change) -> assertThatThrownBy(() -> change.accept(legacy)).as(operation)
                .isInstanceOf(LegacyTableException.class)
                .hasMessage("Table " + legacy.location() + " was written by azof 0.2.1; this azof reads such tables but never changes them,"
                        + " so " + operation + " changed nothing. Upgrade it to a new table first (azof upgrade, or Table.newUpgrade in"
                        + " Java), then " + operation + " that one"));
        assertThatThrownBy(legacy::history).isInstanceOf(LegacyTableException.class).hasMessageContaining("no history to show");
        assertThat(contents(dir.resolve("legacy"))).as("the table's files").containsExactlyInAnyOrderEntriesOf(before);
        try (CloseableIterator<Object[]> rows = legacy.newScan().rows()) {
            assertThat(rows.next()).as("the table still reads").containsExactly("a", startOfDayMicros("2024-02-01"), "one");
        }
    }

    private static void writeLegacyTable(Path path) throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("value", ColumnType.STRING, true)));
        Segment segment = new Segment("2024", startOfDayMicros("2024-01-01"), null, null,
                List.of(new DeltaFile("delta.parquet", startOfDayMicros("2024-01-01"), startOfDayMicros("2024-12-31"))), List.of());
        LegacyLayout layout = new LegacyLayout("hand-made", new EventHistory(schema, List.of()), new Snapshot(1, schema, List.of(segment)),
                Map.of("delta.parquet", List.<Object[]>of(new Object[] {"a", startOfDayMicros("2024-02-01"), "one"})));
        LegacyTableWriter.write(layout, TestTables.localStorage(path));
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    @Test
    void writeOptionsCarryTheirModeThroughNewWrite() {
        Table table = table("t");
        table.newWrite(WriteOptions.of(WriteOptions.Mode.CREATE).withKeyColumns("ticker").withEventTimeColumn("at"))
                .rows(PRICES, List.<Object[]>of(row("A", "2024-01-01", 1))).commit();
        table.newWrite(WriteOptions.of(WriteOptions.Mode.OVERWRITE)).rows(PRICES, List.<Object[]>of(row("B", "2024-01-01", 2))).commit();

        assertThat(prices(table.newScan())).isEqualTo(Map.of("B", 2L));
        assertThat(table.history()).extracting(TableHistory.VersionInfo::operation).containsExactly("overwrite", "create");
    }
}
