package io.azof.spark.read;

import static io.azof.core.testing.TestTables.localStorage;
import static io.azof.core.testing.TestTimes.micros;
import static io.azof.spark.TestSupport.azof;
import static io.azof.spark.TestSupport.planNodes;
import static io.azof.spark.TestSupport.writeDataFile;
import static io.azof.spark.TestSupport.writeSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.spark.CountingFileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning is proven by the bytes the scan fetched from storage, not only by the columns it returned. */
class ColumnPruningTest {
    private static final int ROWS = 2_000;
    private static final int BIG_VALUE_LENGTH = 2_048;
    private static final String BASE_FILE = "base.parquet";

    @TempDir
    static Path tableDir;
    private static long bigColumnBytes;

    @BeforeAll
    static void writeTableWithOneBigAndOneSmallColumn() throws Exception {
        TableSchema schema = new TableSchema(List.of(
                new Column("big", ColumnType.STRING, false),
                new Column("small", ColumnType.INT, false)));
        // Random letters and digits leave Snappy nothing to compress, so the big column stays ~4 MB on disk.
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            StringBuilder big = new StringBuilder(BIG_VALUE_LENGTH);
            for (int c = 0; c < BIG_VALUE_LENGTH; c++) {
                big.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            rows.add(new Object[] {"k" + i, micros("2024-01-01T00:00:00Z") + i, big.toString(), (long) i});
        }
        TableStorage storage = localStorage(tableDir);
        writeDataFile(storage, BASE_FILE, schema, rows);
        writeSnapshot(storage, new Snapshot(1, schema, List.of(
                new Segment("s", micros("2024-01-01T00:00:00Z"), null, BASE_FILE, List.of(), List.of()))));
        bigColumnBytes = storedBytesOfColumn(tableDir.resolve(BASE_FILE), "big");
        assertThat(bigColumnBytes).as("big column on disk").isGreaterThan((long) ROWS * BIG_VALUE_LENGTH);
    }

    private static long storedBytesOfColumn(Path file, String column) throws Exception {
        var input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration());
        try (ParquetFileReader reader = ParquetFileReader.open(input)) {
            return reader.getFooter().getBlocks().stream()
                    .flatMap(block -> block.getColumns().stream())
                    .filter(chunk -> chunk.getPath().toDotString().equals(column))
                    .mapToLong(ColumnChunkMetaData::getTotalSize)
                    .sum();
        }
    }

    private static Dataset<Row> table() {
        return azof().load(CountingFileSystem.uriOf(CountingFileSystem.SCHEME, tableDir));
    }

    @Test
    void selectingSmallColumnsLeavesTheBigColumnUnread() {
        Dataset<Row> frame = table().select("key", "small");
        CountingFileSystem.resetBytesRead();
        List<Row> rows = frame.collectAsList();
        long bytesRead = CountingFileSystem.bytesRead();

        assertThat(rows).hasSize(ROWS);
        assertThat(rows.stream().mapToLong(row -> row.getLong(1)).sum()).isEqualTo((long) ROWS * (ROWS - 1) / 2);
        assertThat(bytesRead).as("bytes read").isPositive().isLessThan(bigColumnBytes / 20);
    }

    @Test
    void selectingTheBigColumnReadsIt() {
        Dataset<Row> frame = table().select("key", "big");
        CountingFileSystem.resetBytesRead();
        List<Row> rows = frame.collectAsList();
        long bytesRead = CountingFileSystem.bytesRead();

        assertThat(rows).hasSize(ROWS).allSatisfy(row -> assertThat(row.getString(1)).hasSize(BIG_VALUE_LENGTH));
        assertThat(bytesRead).as("bytes read").isGreaterThan(bigColumnBytes);
    }

    @Test
    void scanReadSchemaListsOnlyRequestedColumns() {
        assertThat(readSchemaOf(table().select("key", "small"))).containsExactly("key", "small");
        assertThat(readSchemaOf(table().select("small"))).containsExactly("small");
        assertThat(readSchemaOf(table().select("event_time", "big"))).containsExactly("event_time", "big");
    }

    @Test
    void keyAndEventTimeAreReturnedOnlyWhenRequested() {
        List<Row> rows = table().select("small").where("small < 3").collectAsList();
        assertThat(rows).allSatisfy(row -> assertThat(row.size()).isEqualTo(1));
        assertThat(rows.stream().map(row -> row.getLong(0))).containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    private static String[] readSchemaOf(Dataset<Row> frame) {
        BatchScanExec scan = planNodes(frame).stream().filter(BatchScanExec.class::isInstance)
                .map(BatchScanExec.class::cast).findFirst().orElseThrow();
        return scan.scan().readSchema().fieldNames();
    }
}
