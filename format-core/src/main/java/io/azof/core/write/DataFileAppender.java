package io.azof.core.write;

import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowWriter;
import io.azof.core.layout.SegmentRange;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import java.io.IOException;

/**
 * One data file being written from {@code Object[]} rows of the data file layout ({@link DataFileSchema}), in
 * (key, event time, version) order, whose keys the caller has extracted: the file's key range is taken from them.
 */
final class DataFileAppender extends DataFileWriter<Object[]> {
    private Object[] minKey;
    private Object[] maxKey;

    /**
     * @param namePrefix distinguishes kinds of files for people looking at the directory ("b" for a write's
     *     files, "base-b" for compaction's bases, "run-b" for the runs run merging writes)
     */
    DataFileAppender(TableStorage storage, TableDefinition table, SegmentRange segment, int bucket, FileRole role, String namePrefix)
            throws IOException {
        super(storage, table, segment, bucket, role, namePrefix, ParquetRowWriter.ofValues(DataFileSchema.of(table)));
    }

    /** Appends a row of the data file layout whose key, event time and op the caller has already extracted. */
    void append(Object[] row, Object[] key, long eventTime, boolean deleted) throws IOException {
        append(row, eventTime, deleted);
        if (minKey == null) {
            minKey = key;
        }
        maxKey = key;
    }

    /** Closes the file and describes it; its added version is set when the commit succeeds. */
    NewDataFile finish() throws IOException {
        return finish(minKey, maxKey);
    }
}
