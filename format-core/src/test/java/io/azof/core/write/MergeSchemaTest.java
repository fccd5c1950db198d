package io.azof.core.write;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static io.azof.core.types.DeepValues.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.commit.CommitResult;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.SchemaChange.AddColumn;
import io.azof.core.metadata.Snapshot;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes with option {@code mergeSchema}: the data's extra columns and wider types evolve the table within the write's version. */
class MergeSchemaTest {
    private static final StructField SENSOR = new StructField("sensor", PrimitiveType.STRING, false);
    private static final StructField AT = new StructField("at", PrimitiveType.TIMESTAMP, false);
    private static final StructType TABLE = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.INTEGER, true));
    private static final WriteOptions OPTIONS = WriteOptions.append().withKeyColumns("sensor").withEventTimeColumn("at")
            .withLayout(SegmentGranularity.MONTH, 1);
    private static final WriteOptions MERGING = OPTIONS.withMergeSchema(true);

    @TempDir
    Path dir;
    TableStorage storage;
    Table writer;

    @BeforeEach
    void createTable() throws IOException {
        storage = TestTables.localStorage(dir);
        writer = Table.forStorage(storage);
        writer.newWrite(OPTIONS).rows(TABLE, List.<Object[]>of(new Object[] {"a", startOfDayMicros("2024-01-01"), 1})).commit();
    }

    private Snapshot latest() {
        return Table.forStorage(storage).latestSnapshot();
    }

    private List<String> readCurrent() {
        Snapshot snapshot = latest();
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> it = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(AsOf.current()).select(snapshot.table().payloadColumns()).rows()) {
            it.forEachRemaining(row -> rows.add(render(row)));
        }
        rows.sort(null);
        return rows;
    }

    @Test
    void extraColumnsAndWiderTypesEvolveTheTableInTheAppendsOwnVersion() {
        StructType wider = StructType.of(new StructField("unit", PrimitiveType.STRING, true), SENSOR, AT,
                new StructField("reading", PrimitiveType.LONG, true), new StructField("note", PrimitiveType.STRING, true));

        CommitResult result = writer.newWrite(MERGING).rows(wider, List.<Object[]>of(new Object[] {"kPa", "b", startOfDayMicros("2024-01-02"), 5_000_000_000L, "new"})).commit();

        assertThat(result).isEqualTo(new CommitResult(2, false, 1));
        Snapshot snapshot = latest();
        assertThat(snapshot.commit().operation()).isEqualTo("append");
        assertThat(snapshot.table().schema()).isEqualTo(StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.LONG, true),
                new StructField("unit", PrimitiveType.STRING, true), new StructField("note", PrimitiveType.STRING, true)));
        assertThat(readCurrent()).containsExactly(
                "{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 1:Long, null, null}",
                "{\"b\", " + startOfDayMicros("2024-01-02") + ":Long, 5000000000:Long, \"kPa\", \"new\"}");
        assertThat(Table.forStorage(storage).snapshot(1).table().schema()).isEqualTo(TABLE);
        assertThat(Table.forStorage(storage).validate(true).problems()).as("an append that evolves the schema is valid").isEmpty();
    }

    @Test
    void aNewColumnIsNullableWhateverTheDataDeclares() {
        StructType withRequiredNote = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.INTEGER, true),
                new StructField("note", PrimitiveType.STRING, false));

        writer.newWrite(MERGING).rows(withRequiredNote, List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), 2, "x"})).commit();

        assertThat(latest().table().schema().field("note")).contains(new StructField("note", PrimitiveType.STRING, true));
    }

    @Test
    void dataOfANarrowerTypeIsWidenedToTheTablesType() {
        writer.newWrite(MERGING).rows(StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.SHORT, true)), List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), (short) -5})).commit();

        assertThat(latest().table().schema()).isEqualTo(TABLE);
        assertThat(readCurrent()).containsExactly(
                "{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 1:Integer}",
                "{\"b\", " + startOfDayMicros("2024-01-02") + ":Long, -5:Integer}");
    }

    @Test
    void withoutMergeSchemaAnExtraColumnOrAWiderTypeIsRefusedNamingTheOption() {
        StructType extra = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.INTEGER, true),
                new StructField("note", PrimitiveType.STRING, true));
        StructType wider = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.LONG, true));

        assertThatThrownBy(() -> writer.newWrite(OPTIONS).rows(extra, List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), 2, "x"})).commit())
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Column 'note' (string) of the data being written is not in the table")
                .hasMessageEndingWith("; write with option mergeSchema=true to add it to the table");
        assertThatThrownBy(() -> writer.newWrite(OPTIONS).rows(wider, List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), 2L})).commit())
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Column 'reading' has type long in the data being written but integer in the table")
                .hasMessageEndingWith("; write with option mergeSchema=true to widen the table's column to long");
        assertThat(latest().version()).isEqualTo(1);
    }

    @Test
    void mismatchesMergeSchemaCannotMendDoNotSuggestIt() {
        StructType text = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.STRING, true));

        assertThatThrownBy(() -> writer.newWrite(OPTIONS).rows(text, List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), "2"})).commit())
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageNotContaining("mergeSchema");
        assertThatThrownBy(() -> writer.newWrite(MERGING).rows(text, List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), "2"})).commit())
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Column 'reading' has type string in the data being written but integer in the table")
                .hasMessageContaining("option 'mergeSchema' only widens types (byte -> short -> integer -> long");
        assertThat(latest().version()).isEqualTo(1);
    }

    @Test
    void mergeSchemaCannotChangeAKeyColumn(@TempDir Path other) throws IOException {
        Table numbered = TestTables.localTable(other);
        WriteOptions options = WriteOptions.append().withKeyColumns("id").withEventTimeColumn("at");
        numbered.newWrite(options).rows(StructType.of(new StructField("id", PrimitiveType.INTEGER, false), AT), List.<Object[]>of(new Object[] {1, startOfDayMicros("2024-01-01")})).commit();

        assertThatThrownBy(() -> numbered.newWrite(options.withMergeSchema(true)).rows(StructType.of(new StructField("id", PrimitiveType.LONG, false), AT), List.<Object[]>of(new Object[] {2L, startOfDayMicros("2024-01-02")})).commit())
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Option 'mergeSchema' cannot evolve the table")
                .hasMessageContaining("Cannot change the type of key column 'id' from integer to long")
                .hasMessageEndingWith("Nothing was committed.");
    }

    @Test
    void overwriteWithMergeSchemaEvolvesTheTableToo() {
        StructType extra = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.INTEGER, true),
                new StructField("note", PrimitiveType.STRING, true));

        writer.newWrite(MERGING.withMode(WriteOptions.Mode.OVERWRITE)).rows(extra, List.<Object[]>of(new Object[] {"b", startOfDayMicros("2024-01-02"), 2, "x"})).commit();

        assertThat(latest().commit().operation()).isEqualTo("overwrite");
        assertThat(latest().table().schema().fieldNames()).containsExactly("sensor", "at", "reading", "note");
        assertThat(readCurrent()).containsExactly("{\"b\", " + startOfDayMicros("2024-01-02") + ":Long, 2:Integer, \"x\"}");
    }

    @Test
    void anEvolvingAppendCommitsOnTopOfAPlainAppendButNotOnTopOfAnAlter() {
        StructType extra = StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.INTEGER, true),
                new StructField("note", PrimitiveType.STRING, true));
        PreparedWrite evolving = PreparedWrite.prepare(storage, extra, MERGING);
        writer.newWrite(OPTIONS).rows(TABLE, List.<Object[]>of(new Object[] {"c", startOfDayMicros("2024-02-01"), 3})).commit();

        CommitResult result = new SnapshotCommitter(storage).commit(evolving.commitOf(storage, List.of()));

        assertThat(result).isEqualTo(new CommitResult(3, false, 1));
        assertThat(latest().table().schema().fieldNames()).containsExactly("sensor", "at", "reading", "note");
        assertThat(readCurrent()).containsExactly(
                "{\"a\", " + startOfDayMicros("2024-01-01") + ":Long, 1:Integer, null}",
                "{\"c\", " + startOfDayMicros("2024-02-01") + ":Long, 3:Integer, null}");

        PreparedWrite stale = PreparedWrite.prepare(storage, StructType.of(SENSOR, AT, new StructField("reading", PrimitiveType.INTEGER, true),
                new StructField("note", PrimitiveType.STRING, true), new StructField("unit", PrimitiveType.STRING, true)), MERGING);
        Table.forStorage(storage).alterSchema().changes(List.of(AddColumn.nullable("depth", PrimitiveType.DOUBLE))).commit();
        assertThatThrownBy(() -> new SnapshotCommitter(storage).commit(stale.commitOf(storage, List.of())))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("it changed the table's schema (column 'depth' (double) added)");
    }

    @Test
    void theOptionIsReadCaseInsensitivelyAndMustBeABoolean() {
        assertThat(WriteOptions.fromOptions(WriteOptions.Mode.APPEND, Map.of("MERGESCHEMA", " true ")).mergeSchema()).isTrue();
        assertThat(WriteOptions.fromOptions(WriteOptions.Mode.APPEND, Map.of("mergeSchema", "FALSE")).mergeSchema()).isFalse();
        assertThat(WriteOptions.fromOptions(WriteOptions.Mode.APPEND, Map.of()).mergeSchema()).isFalse();
        assertThatThrownBy(() -> WriteOptions.fromOptions(WriteOptions.Mode.APPEND, Map.of("mergeSchema", "yes")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Invalid value for option 'mergeSchema': 'yes'. Give true or false");
    }
}
