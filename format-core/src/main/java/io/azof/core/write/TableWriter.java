package io.azof.core.write;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.io.TableStorage;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes rows to an azof table without any engine: the Java API behind {@code azof} writes. The rows of
 * one call are sorted in memory, so it suits writes that fit in the heap; engines distribute the same
 * steps ({@link PreparedWrite}, {@link SortedRecordWriter}, {@link SnapshotCommitter}).
 */
public final class TableWriter {
    private final TableStorage storage;
    private final SnapshotCommitter committer;

    public TableWriter(TableStorage storage) {
        this(storage, new SnapshotCommitter(storage));
    }

    public TableWriter(TableStorage storage, SnapshotCommitter committer) {
        this.storage = storage;
        this.committer = committer;
    }

    /**
     * Writes {@code rows} (values in the representation of {@link io.azof.core.types.DataType}, laid out
     * as {@code inputSchema}) and commits them as one new version.
     */
    public CommitResult write(StructType inputSchema, Iterable<Object[]> rows, WriteOptions options) {
        PreparedWrite prepared = PreparedWrite.prepare(storage, inputSchema, options);
        if (prepared.skip()) {
            return new CommitResult(prepared.readVersion(), true, 0);
        }
        RecordLayout layout = new RecordLayout(prepared.table());
        List<Map.Entry<RecordLayout.SortKey, Object[]>> records = new ArrayList<>();
        for (Object[] row : rows) {
            Object[] record = prepared.toRecord(row);
            records.add(Map.entry(layout.sortKey(record), record));
        }
        Comparator<RecordLayout.SortKey> order = layout.writeOrder();
        records.sort(Map.Entry.comparingByKey(order));
        List<io.azof.core.write.NewDataFile> files;
        try (SortedRecordWriter writer = new SortedRecordWriter(storage, layout)) {
            for (Map.Entry<RecordLayout.SortKey, Object[]> entry : records) {
                writer.write(entry.getKey(), entry.getValue());
            }
            files = writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write data files to " + storage.tableLocation() + "; nothing was committed", e);
        }
        return committer.commit(prepared.commitOf(files));
    }
}
