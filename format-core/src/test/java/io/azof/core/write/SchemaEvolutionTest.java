package io.azof.core.write;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static io.azof.core.types.DeepValues.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.CompactOperation;
import io.azof.core.Table;
import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetSchemas;
import io.azof.core.maintenance.CompactionPlan;
import io.azof.core.maintenance.CompactionPlanner;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.CompactionTask;
import io.azof.core.maintenance.TableHistory;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.CommitRecord;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.SchemaChange.AddColumn;
import io.azof.core.metadata.SchemaChange.MakeNullable;
import io.azof.core.metadata.SchemaChange.WidenColumn;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.SchemaChanges;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SchemaEvolution#alter} on a real table: the commit it makes, what every version reads afterwards (files
 * written before a change are not rewritten), compaction after a change, and its conflicts with other writers.
 */
class SchemaEvolutionTest {
    /** sensor (key), at (event time), reading integer not null, level float, cost decimal(5,2): one bucket, monthly. */
    private static final StructType FIRST = StructType.of(
            new StructField("sensor", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("reading", PrimitiveType.INTEGER, false),
            new StructField("level", PrimitiveType.FLOAT, true),
            new StructField("cost", new DecimalType(5, 2), true));
    private static final WriteOptions OPTIONS = WriteOptions.append().withKeyColumns("sensor").withEventTimeColumn("at")
            .withLayout(io.azof.core.layout.SegmentGranularity.MONTH, 1);
    private static final List<SchemaChange> WIDEN_ALL_AND_ADD_NOTE = List.of(
            new WidenColumn("reading", PrimitiveType.LONG),
            new WidenColumn("level", PrimitiveType.DOUBLE),
            new WidenColumn("cost", new DecimalType(20, 2)),
            new AddColumn("note", PrimitiveType.STRING, true));
    /** FIRST after {@link #WIDEN_ALL_AND_ADD_NOTE}. */
    private static final StructType EVOLVED = StructType.of(
            new StructField("sensor", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("reading", PrimitiveType.LONG, false),
            new StructField("level", PrimitiveType.DOUBLE, true),
            new StructField("cost", new DecimalType(20, 2), true),
            new StructField("note", PrimitiveType.STRING, true));

    @TempDir
    Path dir;
    TableStorage storage;
    Table writer;

    @BeforeEach
    void setUp() throws IOException {
        storage = TestTables.localStorage(dir);
        writer = Table.forStorage(storage);
    }

    private void writeFirst(Object[]... rows) {
        writer.newWrite(OPTIONS).rows(FIRST, List.of(rows)).commit();
    }

    private void writeEvolved(Object[]... rows) {
        writer.newWrite(OPTIONS).rows(EVOLVED, List.of(rows)).commit();
    }

    private Snapshot snapshot(long version) {
        return Table.forStorage(storage).snapshot(version);
    }

    /** Every row of a version as of {@code asOf}, with all its payload columns, rendered with their classes, sorted by key. */
    private List<String> read(long version, AsOf asOf) {
        Snapshot snapshot = snapshot(version);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> it = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(asOf).select(snapshot.table().payloadColumns()).rows()) {
            it.forEachRemaining(row -> rows.add(render(row)));
        }
        rows.sort(null);
        return rows;
    }

    private List<String> readCurrent(long version) {
        return read(version, AsOf.current());
    }

    @Test
    void addedColumnReadsAsNullForRowsWrittenBeforeAndAsWrittenAfter() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, 0.5f, new BigDecimal("1.25")});

        CommitResult altered = Table.forStorage(storage).alterSchema().changes(List.of(AddColumn.nullable("note", PrimitiveType.STRING))).commit();
        writer.newWrite(OPTIONS).rows(StructType.of(
                        new StructField("note", PrimitiveType.STRING, true),
                        new StructField("sensor", PrimitiveType.STRING, false),
                        new StructField("at", PrimitiveType.TIMESTAMP, false),
                        new StructField("reading", PrimitiveType.INTEGER, false),
                        new StructField("level", PrimitiveType.FLOAT, true),
                        new StructField("cost", new DecimalType(5, 2), true)), List.<Object[]>of(new Object[] {"fresh", "b", startOfDayMicros("2024-01-02"), 2, null, null})).commit();

        assertThat(altered).isEqualTo(new CommitResult(2, false, 1));
        assertThat(readCurrent(3)).containsExactly(
                "{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 1:Integer, 0.5:Float, 1.25bd, null}",
                "{\"b\", " + startOfDayMicros("2024-01-02") + ":Long, 2:Integer, null, null, \"fresh\"}");
    }

    @Test
    void widenedColumnsReadValuesWrittenBeforeAsTheWiderType() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), Integer.MIN_VALUE, 0.1f, new BigDecimal("-999.99")});

        Table.forStorage(storage).alterSchema().changes(WIDEN_ALL_AND_ADD_NOTE).commit();
        writeEvolved(new Object[] {"b", startOfDayMicros("2024-01-02"), 5_000_000_000L, 0.1d, new BigDecimal("123456789012345678.90"), "wide"});

        assertThat(readCurrent(3)).containsExactly(
                "{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, -2147483648:Long, 0.10000000149011612:Double, -999.99bd, null}",
                "{\"b\", " + startOfDayMicros("2024-01-02") + ":Long, 5000000000:Long, 0.1:Double, 123456789012345678.90bd, \"wide\"}");
    }

    @Test
    void aVersionBeforeTheChangeReadsWithItsOwnSchema() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 7, 1.5f, null});
        Table.forStorage(storage).alterSchema().changes(WIDEN_ALL_AND_ADD_NOTE).commit();
        writeEvolved(new Object[] {"a", startOfDayMicros("2024-01-03"), 8L, 2.5d, null, "later"});

        assertThat(snapshot(1).table().schema()).isEqualTo(FIRST);
        assertThat(snapshot(2).table().schema()).isEqualTo(EVOLVED);
        assertThat(readCurrent(1)).containsExactly("{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 7:Integer, 1.5:Float, null}");
        assertThat(readCurrent(2)).containsExactly("{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 7:Long, 1.5:Double, null, null}");
        assertThat(read(3, AsOf.eventTime(startOfDayMicros("2024-01-02")))).containsExactly("{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 7:Long, 1.5:Double, null, null}");
        assertThatThrownBy(() -> Table.forStorage(storage).newScan().useSnapshot(snapshot(1)).asOf(AsOf.current()).select(List.of("note")).planSingleTask())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'note' is not a payload column");
    }

    @Test
    void anAlterIsOneVersionWithTheSameFilesAndOperationAlter() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null}, new Object[] {"b", startOfDayMicros("2024-02-01"), 2, null, null});

        Table.forStorage(storage).alterSchema().changes(List.of(new MakeNullable("reading"), AddColumn.nullable("note", PrimitiveType.STRING))).commit();

        Snapshot before = snapshot(1);
        Snapshot after = snapshot(2);
        assertThat(after.segments()).isEqualTo(before.segments());
        CommitRecord commit = after.commitRecord();
        assertThat(commit.operation()).isEqualTo("alter");
        assertThat(List.of(commit.rowsAdded(), commit.filesAdded(), commit.rowsRemoved(), commit.filesRemoved())).containsOnly(0L);
        assertThat(after.table().schema().field("reading")).contains(new StructField("reading", PrimitiveType.INTEGER, true));
        assertThat(Table.forStorage(storage).history()).extracting(TableHistory.VersionInfo::operation).containsExactly("alter", "create");
    }

    @Test
    void anAlterThatChangesNothingCommitsNothing() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null});

        CommitResult result = Table.forStorage(storage).alterSchema().changes(List.of(new WidenColumn("reading", PrimitiveType.INTEGER),
                new MakeNullable("level"))).commit();

        assertThat(result).isEqualTo(new CommitResult(1, true, 0));
        assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(1);
    }

    @Test
    void aRefusedAlterCommitsNothingAndNamesTheColumnTypesAndTable() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null});

        assertThatThrownBy(() -> Table.forStorage(storage).alterSchema().changes(List.of(AddColumn.nullable("note", PrimitiveType.STRING),
                new WidenColumn("cost", new DecimalType(6, 3)))).commit())
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot change column 'cost' from decimal(5,2) to decimal(6,3)")
                .hasMessageContaining("(table " + storage.tableLocation() + ", version 1)")
                .hasMessageEndingWith("Nothing was committed.");
        assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(1);
        assertThat(Table.forStorage(storage).latestSnapshot().table().schema()).isEqualTo(FIRST);
    }

    @Test
    void alteringATableThatDoesNotExistNamesTheLocation() {
        assertThatThrownBy(() -> Table.forStorage(storage).alterSchema().changes(List.of(AddColumn.nullable("note", PrimitiveType.STRING))).commit())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(storage.tableLocation());
    }

    @Test
    void anAppendValidatedBeforeAnAlterConflictsNamingTheSchemaChange() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null});
        PreparedWrite validatedAtVersion1 = PreparedWrite.prepare(storage, FIRST, OPTIONS);

        Table.forStorage(storage).alterSchema().changes(List.of(AddColumn.nullable("note", PrimitiveType.STRING))).commit();

        assertThatThrownBy(() -> new SnapshotCommitter(storage).commit(validatedAtVersion1.commitOf(storage, List.of())))
                .isInstanceOfSatisfying(CommitConflictException.class, conflict -> {
                    assertThat(conflict.readVersion()).isEqualTo(1);
                    assertThat(conflict.conflictingVersion()).isEqualTo(2);
                })
                .hasMessageContaining("version 2 was committed concurrently and it changed the table's schema (column 'note' (string)"
                        + " added), which this write was not validated against");
        assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(2);
    }

    @Test
    void anAlterBasedOnAnOlderVersionCommitsOnTopOfAppendsMadeMeanwhile() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null});
        TableDefinition read = snapshot(1).table();
        TableDefinition evolved = SchemaChanges.apply(read, List.of(AddColumn.nullable("note", PrimitiveType.STRING)));
        writeFirst(new Object[] {"b", startOfDayMicros("2024-02-01"), 2, null, null});

        CommitResult result = new SnapshotCommitter(storage).commit(PendingCommit.alter(read, evolved, 1));

        assertThat(result).isEqualTo(new CommitResult(3, false, 1));
        assertThat(snapshot(3).table()).isEqualTo(evolved);
        assertThat(snapshot(3).segments()).isEqualTo(snapshot(2).segments());
        assertThat(readCurrent(3)).containsExactly(
                "{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 1:Integer, null, null, null}",
                "{\"b\", " + startOfDayMicros("2024-02-01") + ":Long, 2:Integer, null, null, null}");
    }

    @Test
    void anAlterBasedOnAnOlderVersionConflictsWithAnotherAlter() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null});
        TableDefinition read = snapshot(1).table();
        TableDefinition mine = SchemaChanges.apply(read, List.of(AddColumn.nullable("note", PrimitiveType.STRING)));
        Table.forStorage(storage).alterSchema().changes(List.of(new WidenColumn("reading", PrimitiveType.LONG))).commit();

        assertThatThrownBy(() -> new SnapshotCommitter(storage).commit(PendingCommit.alter(read, mine, 1)))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("Cannot commit alter based on version 1: version 2 was committed concurrently and it changed the"
                        + " table's schema (column 'reading' widened from integer to long)");
        assertThat(snapshot(2).table().schema().field("note")).isEmpty();
    }

    @Test
    void compactionAfterAChangeWritesBasesInTheNewSchemaAndChangesNoAnswer() throws IOException {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, 0.25f, new BigDecimal("1.00")}, new Object[] {"b", startOfDayMicros("2024-01-05"), 2, null, null});
        writeFirst(new Object[] {"a", startOfDayMicros("2024-02-01"), 3, 0.75f, null});
        Table.forStorage(storage).alterSchema().changes(WIDEN_ALL_AND_ADD_NOTE).commit();
        writeEvolved(new Object[] {"b", startOfDayMicros("2024-03-01"), 4L, 1.5d, null, "march"});
        List<String> before = readCurrent(4);
        List<String> beforeAtFeb = read(4, AsOf.eventTime(startOfDayMicros("2024-02-15")));

        CompactionResult result = Table.forStorage(storage).newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2)).commit();

        assertThat(result.committed()).isTrue();
        Snapshot compacted = Table.forStorage(storage).latestSnapshot();
        List<BaseFile> bases = compacted.segments().stream().flatMap(s -> s.bases().stream()).toList();
        assertThat(bases).isNotEmpty();
        MessageType evolvedLayout = ParquetSchemas.toParquet(DataFileSchema.of(compacted.table()));
        for (BaseFile base : bases) {
            try (ParquetFileReader file = ParquetFileReader.open(storage.inputFile(base.file()))) {
                assertThat(file.getFooter().getFileMetaData().getSchema().getFields()).as("columns of base %s", base.file())
                        .isEqualTo(evolvedLayout.getFields());
            }
        }
        assertThat(readCurrent(compacted.version())).isEqualTo(before);
        assertThat(read(compacted.version(), AsOf.eventTime(startOfDayMicros("2024-02-15")))).isEqualTo(beforeAtFeb);
        assertThat(Table.forStorage(storage).validate(true).problems()).isEmpty();
    }

    @Test
    void aCompactionPlannedBeforeAChangeConflictsWithIt() {
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, null, null});
        writeFirst(new Object[] {"a", startOfDayMicros("2024-01-02"), 2, null, null});
        writeFirst(new Object[] {"a", startOfDayMicros("2024-02-01"), 3, null, null});
        CompactOperation compaction = Table.forStorage(storage).newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2));
        List<io.azof.core.metadata.NewDataFile> bases = new ArrayList<>();
        for (CompactionTask task : compaction.plan().tasks()) {
            bases.addAll(task.build(storage));
        }
        assertThat(bases).isNotEmpty();

        Table.forStorage(storage).alterSchema().changes(List.of(AddColumn.nullable("note", PrimitiveType.STRING))).commit();

        assertThatThrownBy(() -> compaction.addFiles(bases).commit())
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("Cannot commit compact based on version 3: version 4 was committed concurrently and it changed the"
                        + " table's schema (column 'note' (string) added)");
        assertThat(Table.forStorage(storage).latestSnapshot().segments()).extracting(Segment::bases).allMatch(List::isEmpty);
    }
}
