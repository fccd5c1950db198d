package io.azof.core.io;

import java.io.Closeable;
import java.util.Iterator;

/** An iterator over rows that holds resources (open files) until closed. */
public interface CloseableIterator<T> extends Iterator<T>, Closeable {
    @Override
    void close();
}
