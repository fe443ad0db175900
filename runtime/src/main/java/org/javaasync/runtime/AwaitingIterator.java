package org.javaasync.runtime;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Adapts an {@link AsyncIterator} to {@link Iterator} for the for-each statement: {@code hasNext()} awaits the next
 * element ahead and keeps it, {@code next()} hands it out. Only one element is ever held.
 */
final class AwaitingIterator<T> implements Iterator<T> {
    private final AsyncIterator<T> source;
    private T fetched;
    private boolean holding;
    private boolean ended;

    AwaitingIterator(AsyncIterator<T> source) {
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (holding) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            fetched = Asyncio.await(source.anext());
            holding = true;
            return true;
        } catch (StopAsyncIteration end) {
            ended = true;
            return false;
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("async iterator is exhausted");
        }
        T item = fetched;
        fetched = null;
        holding = false;
        return item;
    }
}
