package io.azof.core.write;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.types.ValueText;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes records that arrive in the order of {@link RecordLayout#writeOrder()} into data files, one per (bucket,
 * segment), and checks on the way what needs the order: no two records of one write share a key and
 * event time. Engines feed it one sorted partition at a time.
 */
public final class SortedRecordWriter implements Closeable {
    private final TableStorage storage;
    private final RecordLayout layout;
    private final int fileWidth;
    private final List<NewDataFile> written = new ArrayList<>();
    private DataFileAppender current;
    private RecordLayout.SortKey previous;

    public SortedRecordWriter(TableStorage storage, RecordLayout layout) {
        this.storage = storage;
        this.layout = layout;
        this.fileWidth = DataFileSchema.of(layout.table()).size();
    }

    /**
     * Adds the next record, placed by {@link RecordLayout#sortKey}; records must come in write order. The
     * sort key is taken as computed, so bucket and segment are not worked out twice per record.
     */
    public void write(RecordLayout.SortKey sortKey, Object[] record) throws IOException {
        if (current == null || sortKey.bucket() != previous.bucket() || sortKey.segmentStart() != previous.segmentStart()) {
            finishFile();
            current = new DataFileAppender(storage, layout.table(), layout.segmentOf(record), sortKey.bucket(), FileRole.DELTA, "b");
        } else if (layout.sameKeyAndTime(previous, sortKey)) {
            throw new InvalidWriteException("Two rows in one write have the same key " + layout.describeKey(record) + " and event time "
                    + ValueText.time(layout.eventTime(record)) + ", so which one holds is ambiguous. Deduplicate the input."
                    + " Nothing was committed.");
        }
        // The version slot stays null: the file's added version, set by the commit.
        Object[] row = new Object[fileWidth];
        System.arraycopy(record, 0, row, 0, record.length);
        current.append(row, sortKey.key(), sortKey.eventTime(), layout.isDelete(record));
        previous = sortKey;
    }

    private void finishFile() throws IOException {
        if (current != null) {
            written.add(current.finish());
            current = null;
        }
    }

    /** Closes the last file and returns every file written. */
    public List<NewDataFile> finish() {
        try {
            finishFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish a data file in " + storage.tableLocation(), e);
        }
        return List.copyOf(written);
    }

    /** Abandons the write: closes the open file. Files already written stay unreferenced until vacuum. */
    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
