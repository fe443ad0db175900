package org.javaasync.runtime;

import java.util.NoSuchElementException;

/**
 * Raised by {@link AsyncIterator#anext()} when the iterator has no more elements (Python's
 * {@code StopAsyncIteration}). It is a {@link NoSuchElementException}, which is what {@code Iterator.next()} throws at
 * the end, so code written for iterators understands it.
 */
public class StopAsyncIteration extends NoSuchElementException {
    /** Creates the exception. */
    public StopAsyncIteration() {
        super("async iterator is exhausted");
    }
}
