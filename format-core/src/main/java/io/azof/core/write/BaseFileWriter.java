package io.azof.core.write;

import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the base files compaction builds for one segment and bucket: rows in the data file layout with
 * their versions filled in (a base holds records of many versions), one per key in key order, split into
 * files of about {@code targetFileBytes}. Splitting between keys keeps every file a sorted run with its
 * own key range.
 */
public final class BaseFileWriter implements Closeable {
    private final TableStorage storage;
    private final RecordLayout layout;
    private final SegmentRange segment;
    private final int bucket;
    private final long targetFileBytes;
    private final List<NewDataFile> written = new ArrayList<>();
    private DataFileAppender current;

    public BaseFileWriter(TableStorage storage, TableDefinition table, SegmentRange segment, int bucket, long targetFileBytes) {
        this.storage = storage;
        this.layout = new RecordLayout(table);
        this.segment = segment;
        this.bucket = bucket;
        this.targetFileBytes = targetFileBytes;
    }

    /** Appends the next key's record, a row of {@link DataFileSchema} whose version slot is set. */
    public void write(Object[] fileRow) throws IOException {
        if (current != null && current.dataSize() >= targetFileBytes) {
            written.add(current.finish());
            current = null;
        }
        if (current == null) {
            current = new DataFileAppender(storage, layout.table(), segment, bucket, "base-b");
        }
        current.append(fileRow, layout.key(fileRow), layout.eventTime(fileRow), layout.isDelete(fileRow));
    }

    /** Closes the last file and returns every file written; none when no record came. */
    public List<NewDataFile> finish() {
        try {
            if (current != null) {
                written.add(current.finish());
                current = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish a base file of segment " + segment.id() + " in " + storage.tableLocation(), e);
        }
        return List.copyOf(written);
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
