package io.azof.core.io;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.MissingDataFileException;
import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.io.parquet.LegacyDataFileWriter;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.TestTables;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** azof 0.2.1 data files (millisecond timestamps, the 0.2.1 types) read through the generic row reader. */
class LegacyDataFileReadTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("name", ColumnType.STRING, true),
            new Column("qty", ColumnType.INT, false),
            new Column("ok", ColumnType.BOOLEAN, true),
            new Column("at", ColumnType.DATE_TIME, true)));
    private static final long T1 = micros("2024-01-01T00:00:00.123Z");
    private static final long T2 = micros("2024-02-01T10:00:00Z");

    @TempDir
    Path dir;
    TableStorage storage;

    @BeforeEach
    void writeFile() throws IOException {
        storage = TestTables.localStorage(dir);
        try (LegacyDataFileWriter writer = LegacyDataFileWriter.create(storage, "f.parquet", SCHEMA)) {
            writer.write(new Object[] {"a", T1, "alpha", 7L, true, T2});
            writer.write(new Object[] {"b", T2, null, -3L, null, null});
        }
    }

    private static List<String> withKeyAndTime(String... payload) {
        List<String> columns = new ArrayList<>(List.of("key", "event_time"));
        columns.addAll(List.of(payload));
        return columns;
    }

    private static StructType legacy(TableSchema schema) {
        return TableDefinition.legacy(schema).schema();
    }

    private static List<Object[]> readAll(ParquetRowFileReader reader) {
        List<Object[]> rows = new ArrayList<>();
        try (reader) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readsEveryTypeBackAsWritten() {
        List<Object[]> rows = readAll(ParquetRowFileReader.open(storage, "f.parquet", legacy(SCHEMA), withKeyAndTime("name", "qty", "ok", "at")));
        assertThat(rows).containsExactly(
                new Object[] {"a", T1, "alpha", 7L, true, T2},
                new Object[] {"b", T2, null, -3L, null, null});
    }

    @Test
    void returnsOnlyRequestedColumnsInRequestedOrderAndAsksParquetForNoOthers() {
        ParquetRowFileReader reader = ParquetRowFileReader.open(storage, "f.parquet", legacy(SCHEMA), withKeyAndTime("ok", "name"));
        assertThat(reader.requestedSchema().getFields()).extracting(f -> f.getName())
                .containsExactly("key", "event_time", "ok", "name");
        assertThat(readAll(reader)).containsExactly(new Object[] {"a", T1, true, "alpha"}, new Object[] {"b", T2, null, null});
    }

    @Test
    void unrequestedColumnsAreNotCheckedSoTheyAreNotRead() {
        // The file stores 'qty' as a string; a reader that decoded unrequested columns would trip over it.
        TableSchema stringQty = new TableSchema(List.of(new Column("qty", ColumnType.STRING, false)));
        TableStorage other = storage;
        assertThat(readAll(ParquetRowFileReader.open(other, "f.parquet", legacy(SCHEMA), withKeyAndTime("name")))).hasSize(2);
        assertThatThrownBy(() -> ParquetRowFileReader.open(other, "f.parquet", legacy(stringQty), withKeyAndTime("qty")))
                .isInstanceOf(SchemaMismatchException.class);
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ParquetRowFileReader.open(storage, "gone.parquet", legacy(SCHEMA), withKeyAndTime()))
                .isInstanceOf(MissingDataFileException.class)
                .hasMessageContaining("gone.parquet")
                .hasMessageContaining("does not exist");
    }

    @Test
    void columnMissingFromFileIsNamed() {
        TableSchema wider = new TableSchema(List.of(new Column("price", ColumnType.INT, false)));
        assertThatThrownBy(() -> ParquetRowFileReader.open(storage, "f.parquet", legacy(wider), withKeyAndTime("price")))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("f.parquet")
                .hasMessageContaining("no column 'price'");
    }

    @Test
    void columnOfWrongTypeIsNamedWithBothTypes() {
        TableSchema wrong = new TableSchema(List.of(new Column("name", ColumnType.BOOLEAN, true)));
        assertThatThrownBy(() -> ParquetRowFileReader.open(storage, "f.parquet", legacy(wrong), withKeyAndTime("name")))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'name'")
                .hasMessageContaining("binary name (STRING)")
                .hasMessageContaining("declares it as boolean");
    }
}
