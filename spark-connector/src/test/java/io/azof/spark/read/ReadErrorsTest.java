package io.azof.spark.read;

import static io.azof.core.testing.TestTables.localStorage;
import static io.azof.core.testing.TestTimes.micros;
import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.writeDataFile;
import static io.azof.spark.TestSupport.writeMetadata;
import static io.azof.spark.TestSupport.writeSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.MissingDataFileException;
import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each error reaches the user with the core's message intact. */
class ReadErrorsTest {
    private static final TableSchema VALUE_STRING = new TableSchema(List.of(new Column("value", ColumnType.STRING, false)));

    @Test
    void pathWithoutTableNamesThePathAndVersionTxt(@TempDir Path dir) {
        assertThatThrownBy(() -> azof().load(dir.toString()))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("version.txt");
    }

    @Test
    void snapshotThatIsNotJsonNamesTheSnapshotFile(@TempDir Path dir) throws Exception {
        writeMetadata(localStorage(dir), "{\"schema\": {\"columns\": [");
        assertThatThrownBy(() -> azof().load(dir.toString()))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s1.json");
    }

    @Test
    void snapshotLackingAFieldNamesTheFieldPath(@TempDir Path dir) throws Exception {
        writeMetadata(localStorage(dir), """
                {"schema": {"columns": [{"name": "value", "data_type": "String", "nullable": false}]},
                 "segments": [{"id": "10", "file": "base.parquet"}]}
                """);
        assertThatThrownBy(() -> azof().load(dir.toString()))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s1.json")
                .hasMessageContaining("segments[0].start");
    }

    @Test
    void listedButAbsentDataFileIsNamed(@TempDir Path dir) throws Exception {
        writeSnapshot(localStorage(dir), snapshotWithBase(VALUE_STRING, "gone.parquet"));

        Throwable thrown = catchThrowable(() -> azof().load(dir.toString()).collectAsList());

        assertThat(thrown).isInstanceOf(SparkException.class);
        assertThat(causeChain(thrown)).anySatisfy(cause -> assertThat(cause)
                .isInstanceOf(MissingDataFileException.class)
                .hasMessageContaining("gone.parquet"));
    }

    @Test
    void dataFileWithAColumnOfAnotherTypeNamesTheColumn(@TempDir Path dir) throws Exception {
        TableStorage storage = localStorage(dir);
        TableSchema valueInt = new TableSchema(List.of(new Column("value", ColumnType.INT, false)));
        writeDataFile(storage, "base.parquet", valueInt, List.<Object[]>of(new Object[] {"1", micros("2024-01-01T00:00:00Z"), 7L}));
        writeSnapshot(storage, snapshotWithBase(VALUE_STRING, "base.parquet"));

        assertSchemaMismatchNamed(dir, "value");
    }

    @Test
    void dataFileMissingADeclaredColumnNamesTheColumn(@TempDir Path dir) throws Exception {
        TableStorage storage = localStorage(dir);
        TableSchema otherColumn = new TableSchema(List.of(new Column("other", ColumnType.STRING, false)));
        writeDataFile(storage, "base.parquet", otherColumn, List.<Object[]>of(new Object[] {"1", micros("2024-01-01T00:00:00Z"), "x"}));
        writeSnapshot(storage, snapshotWithBase(VALUE_STRING, "base.parquet"));

        assertSchemaMismatchNamed(dir, "value");
    }

    private static void assertSchemaMismatchNamed(Path dir, String column) {
        Throwable thrown = catchThrowable(() -> azof().load(dir.toString()).collectAsList());

        assertThat(thrown).isInstanceOf(SparkException.class);
        assertThat(causeChain(thrown)).anySatisfy(cause -> assertThat(cause)
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("base.parquet")
                .hasMessageContaining("'" + column + "'"));
    }

    private static Snapshot snapshotWithBase(TableSchema schema, String baseFile) {
        return new Snapshot(1, schema, List.of(
                new Segment("10", micros("2024-01-01T00:00:00Z"), null, baseFile, List.of(), List.of())));
    }

    private static List<Throwable> causeChain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
