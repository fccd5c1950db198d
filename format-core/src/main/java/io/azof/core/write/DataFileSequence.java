package io.azof.core.write;

import io.azof.core.metadata.NewDataFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data files one writer writes one after another, at most one of them open: a write's files (one per bucket and
 * segment) and compaction's (split at the target size) are finished, collected and abandoned the same way.
 */
final class DataFileSequence<R> implements Closeable {
    private final List<NewDataFile> written = new ArrayList<>();
    private DataFileWriter<R> current;
    private Object[] firstKey;

    /** The open file, or null before the first and after {@link #finishCurrent}. */
    DataFileWriter<R> current() {
        return current;
    }

    /** Opens the next file, whose first row has key {@code firstKey}; the one before must have been finished. */
    void start(DataFileWriter<R> file, Object[] firstKey) {
        if (current != null) {
            throw new IllegalStateException("the file before has not been finished");
        }
        this.current = file;
        this.firstKey = firstKey;
    }

    /** Closes the open file, if any, whose last row has key {@code lastKey}, and adds it to the files written. */
    void finishCurrent(Supplier<Object[]> lastKey) throws IOException {
        if (current != null) {
            written.add(current.finish(firstKey, lastKey.get()));
            current = null;
        }
    }

    /**
     * Closes the open file and returns every file written.
     *
     * @param what names the files for the error, such as "a data file" or "a file of segment 2024-03, bucket 1"
     */
    List<NewDataFile> finish(Supplier<Object[]> lastKey, String what, String tableLocation) {
        try {
            finishCurrent(lastKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish " + what + " in " + tableLocation, e);
        }
        return List.copyOf(written);
    }

    /** Abandons the open file; the files already written stay unreferenced until vacuum. */
    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
