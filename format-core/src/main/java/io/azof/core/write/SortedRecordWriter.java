package io.azof.core.write;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.NewDataFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes records that arrive in the order of {@link RecordLayout#writeOrder()} into data files, one per (bucket,
 * segment), and checks on the way what needs the order: no two records of one write share a key and
 * event time. Engines feed it one sorted partition at a time; it is the {@link SortedRowWriter} of write records
 * placed by {@link RecordLayout#sortKey}.
 */
public final class SortedRecordWriter implements Closeable {
    private final SortedRowWriter<Placed> writer;
    private final int fileWidth;
    private final RecordLayout layout;

    /** A record with its sort key, and its row of the data file layout. */
    private record Placed(RecordLayout.SortKey sortKey, Object[] fileRow, boolean deleted) {
    }

    public SortedRecordWriter(TableStorage storage, RecordLayout layout) {
        this.layout = layout;
        this.fileWidth = DataFileSchema.of(layout.table()).size();
        this.writer = new SortedRowWriter<>(storage, layout.table(), new PlacedRows(layout));
    }

    /**
     * Adds the next record, placed by {@link RecordLayout#sortKey}; records must come in write order. The
     * sort key is taken as computed, so bucket and segment are not worked out twice per record.
     *
     * @throws InvalidWriteException when the record has the key and event time of the record before it
     */
    public void write(RecordLayout.SortKey sortKey, Object[] record) throws IOException {
        // The version slot stays null: the file's added version, set by the commit.
        Object[] row = new Object[fileWidth];
        System.arraycopy(record, 0, row, 0, record.length);
        writer.write(new Placed(sortKey, row, layout.isDelete(record)));
    }

    /** Closes the last file and returns every file written. */
    public List<NewDataFile> finish() {
        return writer.finish();
    }

    /** Abandons the write: closes the open file. Files already written stay unreferenced until vacuum. */
    @Override
    public void close() {
        writer.close();
    }

    private static final class PlacedRows implements SortedRowWriter.Rows<Placed> {
        private final RecordLayout layout;
        private final ParquetRowWriter<Object[]> values;

        PlacedRows(RecordLayout layout) {
            this.layout = layout;
            this.values = ParquetRowWriter.ofValues(DataFileSchema.of(layout.table()));
        }

        @Override
        public ParquetRowWriter<Placed> fileRowWriter() {
            return (consumer, placed) -> values.write(consumer, placed.fileRow());
        }

        @Override
        public int bucket(Placed row) {
            return row.sortKey().bucket();
        }

        @Override
        public long segmentStartMicros(Placed row) {
            return row.sortKey().segmentStart();
        }

        @Override
        public long eventTimeMicros(Placed row) {
            return row.sortKey().eventTime();
        }

        @Override
        public boolean isDelete(Placed row) {
            return row.deleted();
        }

        @Override
        public Object[] key(Placed row) {
            return row.sortKey().key();
        }

        @Override
        public boolean sameKeyAndEventTime(Placed a, Placed b) {
            return layout.sameKeyAndTime(a.sortKey(), b.sortKey());
        }

        @Override
        public boolean sameKey(Placed a, Placed b) {
            return layout.sameKey(a.sortKey(), b.sortKey());
        }

        @Override
        public Placed retain(Placed row) {
            return row;
        }
    }
}
