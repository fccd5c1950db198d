package io.azof.core.write;

import static io.azof.core.testing.TestTables.localStorage;
import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyHashing;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer of rows in an engine's own form: here a mutable cursor that the "engine" refills for every row, as Spark
 * reuses its row objects. It must leave the files the writer of write records leaves (the same bytes and statistics),
 * keep the key range of each file although the rows it saw are gone, and reject two rows with one key and event time.
 */
class SortedRowWriterTest {
    private static final TableDefinition TABLE = TableDefinition.create(List.of("ticker"), "ts",
            StructType.of(new StructField("ticker", PrimitiveType.STRING, false), new StructField("ts", PrimitiveType.TIMESTAMP, false),
                    new StructField("price", PrimitiveType.LONG, true)),
            SegmentGranularity.MONTH, 3);

    @TempDir
    Path engine;
    @TempDir
    Path records;

    /** An engine's row: one object, refilled for every row. */
    private static final class Cursor {
        int bucket;
        long segmentStart;
        String ticker;
        long ts;
        Long price;
        boolean deleted;
    }

    /** The engine's side: reads and writes its cursor, and copies it when asked to retain it. */
    private static final class CursorRows implements SortedRowWriter.Rows<Cursor> {
        @Override
        public ParquetRowWriter<Cursor> fileRowWriter() {
            return (consumer, row) -> {
                consumer.startField("ticker", 0);
                consumer.addBinary(Binary.fromString(row.ticker));
                consumer.endField("ticker", 0);
                consumer.startField("ts", 1);
                consumer.addLong(row.ts);
                consumer.endField("ts", 1);
                if (row.price != null) {
                    consumer.startField("price", 2);
                    consumer.addLong(row.price);
                    consumer.endField("price", 2);
                }
                consumer.startField("_azof_deleted", 3);
                consumer.addBoolean(row.deleted);
                consumer.endField("_azof_deleted", 3);
            };
        }

        @Override
        public int bucket(Cursor row) {
            return row.bucket;
        }

        @Override
        public long segmentStartMicros(Cursor row) {
            return row.segmentStart;
        }

        @Override
        public long eventTimeMicros(Cursor row) {
            return row.ts;
        }

        @Override
        public boolean isDelete(Cursor row) {
            return row.deleted;
        }

        @Override
        public Object[] key(Cursor row) {
            return new Object[] {row.ticker};
        }

        @Override
        public boolean sameKeyAndEventTime(Cursor a, Cursor b) {
            return a.ts == b.ts && a.ticker.equals(b.ticker);
        }

        @Override
        public boolean sameKey(Cursor a, Cursor b) {
            return a.ticker.equals(b.ticker);
        }

        @Override
        public Cursor retain(Cursor row) {
            Cursor copy = new Cursor();
            copy.bucket = row.bucket;
            copy.segmentStart = row.segmentStart;
            copy.ticker = row.ticker;
            copy.ts = row.ts;
            copy.price = row.price;
            copy.deleted = row.deleted;
            return copy;
        }
    }

    private static List<Object[]> records() {
        List<Object[]> records = new ArrayList<>();
        String[] tickers = {"ACME", "BOLT", "CORE", "DUNE", "EPIC", "FLUX", "GRID"};
        for (int t = 0; t < tickers.length; t++) {
            for (int month = 1; month <= 3; month++) {
                for (int day = 1; day <= 2; day++) {
                    long ts = micros(String.format("2024-%02d-%02dT%02d:00:00Z", month, day * 10, t));
                    boolean deleted = (t + month + day) % 5 == 0;
                    records.add(new Object[] {tickers[t], ts, deleted ? null : (long) (100 * t + month), deleted});
                }
            }
        }
        return records;
    }

    @Test
    void writesTheFilesOfTheRecordWriterFromReusedRows() throws IOException {
        RecordLayout layout = new RecordLayout(TABLE);
        List<Object[]> sorted = new ArrayList<>(records());
        sorted.sort(Comparator.comparing(layout::sortKey, layout.writeOrder()));

        List<NewDataFile> fromRecords;
        try (SortedRecordWriter writer = new SortedRecordWriter(localStorage(records), layout)) {
            for (Object[] record : sorted) {
                writer.write(layout.sortKey(record), record);
            }
            fromRecords = writer.finish();
        }
        List<NewDataFile> fromRows;
        Cursor cursor = new Cursor();
        try (SortedRowWriter<Cursor> writer = new SortedRowWriter<>(localStorage(engine), TABLE, new CursorRows())) {
            for (Object[] record : sorted) {
                fill(cursor, layout.sortKey(record), record);
                writer.write(cursor);
            }
            fromRows = writer.finish();
        }

        assertThat(fromRows).as("a file per (bucket, month)").hasSizeGreaterThan(3).hasSameSizeAs(fromRecords);
        for (int i = 0; i < fromRows.size(); i++) {
            NewDataFile ours = fromRows.get(i);
            NewDataFile theirs = fromRecords.get(i);
            assertThat(ours.segment()).isEqualTo(theirs.segment());
            assertThat(ours.stats()).isEqualTo(theirs.stats());
            assertThat(Files.readAllBytes(engine.resolve(ours.file()))).isEqualTo(Files.readAllBytes(records.resolve(theirs.file())));
        }
        KeyHashing hashing = KeyHashing.of(TABLE.keySchema());
        assertThat(fromRows).allSatisfy(f -> {
            assertThat(hashing.bucketOf(f.stats().minKey(), 3)).isEqualTo(f.stats().bucket());
            assertThat(f.file()).startsWith("data/" + f.segment().id() + "/b" + f.stats().bucket() + "-");
        });
    }

    @Test
    void rejectsTwoRowsWithOneKeyAndEventTimeNamingThem() throws IOException {
        RecordLayout layout = new RecordLayout(TABLE);
        Object[] record = {"ACME", micros("2024-01-05T00:00:00Z"), 1L, false};
        Cursor cursor = new Cursor();
        TableStorage storage = localStorage(engine);
        try (SortedRowWriter<Cursor> writer = new SortedRowWriter<>(storage, TABLE, new CursorRows())) {
            fill(cursor, layout.sortKey(record), record);
            writer.write(cursor);
            record[2] = 2L;
            fill(cursor, layout.sortKey(record), record);
            assertThatThrownBy(() -> writer.write(cursor)).isInstanceOf(InvalidWriteException.class)
                    .hasMessage("Two rows in one write have the same key (ticker=ACME) and event time 2024-01-05T00:00:00Z, so which one"
                            + " holds is ambiguous. Deduplicate the input. Nothing was committed.");
        }
    }

    private static void fill(Cursor cursor, RecordLayout.SortKey key, Object[] record) {
        cursor.bucket = key.bucket();
        cursor.segmentStart = key.segmentStart();
        cursor.ticker = (String) record[0];
        cursor.ts = (Long) record[1];
        cursor.price = (Long) record[2];
        cursor.deleted = (Boolean) record[3];
    }
}
