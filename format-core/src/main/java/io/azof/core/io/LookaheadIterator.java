package io.azof.core.io;

import java.util.NoSuchElementException;

/**
 * A {@link CloseableIterator} whose subclasses only say how to fetch the next element: readers and merges
 * find out whether there is one by producing it, so the element is kept until {@link #next()} hands it out.
 */
public abstract class LookaheadIterator<T> implements CloseableIterator<T> {
    private T next;

    /** The next element, or null when there is none. */
    protected abstract T fetchNext();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = fetchNext();
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T element = next;
        next = null;
        return element;
    }
}
