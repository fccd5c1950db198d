package io.azof.core.write;

import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyOrdering;
import java.io.Closeable;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the files compaction builds for one segment and bucket: rows in the data file layout with their versions
 * filled in (they hold records of many versions), in record order, split into files of about {@code targetFileBytes}.
 * Bases hold one record per key; runs written by run merging hold every record of their inputs. A file is split only
 * where the key changes, so every file is a sorted run with its own key range.
 */
public final class CompactedFileWriter implements Closeable {
    private final TableStorage storage;
    private final RecordLayout layout;
    private final SegmentRange segment;
    private final int bucket;
    private final long targetFileBytes;
    private final FileRole role;
    private final Comparator<Object[]> keyOrder;
    private final ParquetRowWriter<Object[]> fileRowWriter;
    private final DataFileSequence<Object[]> files = new DataFileSequence<>();
    private Object[] lastKey;

    /** @param role {@link FileRole#BASE} for bases, {@link FileRole#DELTA} for merged runs */
    public CompactedFileWriter(TableStorage storage, TableDefinition table, SegmentRange segment, int bucket, long targetFileBytes,
                               FileRole role) {
        this.storage = storage;
        this.layout = new RecordLayout(table);
        this.segment = segment;
        this.bucket = bucket;
        this.targetFileBytes = targetFileBytes;
        this.role = role;
        this.keyOrder = KeyOrdering.of(table.keySchema());
        this.fileRowWriter = ParquetRowWriter.ofValues(DataFileSchema.of(table));
    }

    /** Appends the next record, a row of {@link DataFileSchema} whose version slot is set, in record order. */
    public void write(Object[] fileRow) throws IOException {
        Object[] key = layout.key(fileRow);
        if (files.current() != null && files.current().dataSize() >= targetFileBytes && keyOrder.compare(key, lastKey) != 0) {
            files.finishCurrent(this::lastKey);
        }
        boolean newKey = lastKey == null || keyOrder.compare(key, lastKey) != 0;
        if (files.current() == null) {
            files.start(new DataFileWriter<>(storage, layout.table(), segment, bucket, role, role == FileRole.BASE ? "base-b" : "run-b",
                    fileRowWriter), key);
            newKey = true;
        }
        if (newKey && files.current().tracksCoverage()) {
            // A merged run holds every record of its inputs, so its coverage is theirs (SPEC section 6.14).
            files.current().startKey(key);
        }
        files.current().append(fileRow, layout.eventTime(fileRow), layout.isDelete(fileRow));
        lastKey = key;
    }

    private Object[] lastKey() {
        return lastKey;
    }

    /** Closes the last file and returns every file written; none when no record came. */
    public List<NewDataFile> finish() {
        return files.finish(this::lastKey, "a file of segment " + segment.id() + ", bucket " + bucket, storage.tableLocation());
    }

    /** Abandons the open file; the files already written stay unreferenced until vacuum. */
    @Override
    public void close() {
        files.close();
    }
}
