package org.javaasync.runtime;

import java.util.Iterator;

/**
 * Something a task can iterate with a plain for-each, each step awaiting the next element (Python's {@code async for}):
 *
 * <pre>{@code
 * for (var line : lines) {      // lines is an AsyncIterable<String>; each step awaits anext()
 *     ...
 * }
 * }</pre>
 *
 * <p>The loop must run inside a task (or a coroutine awaited by one): each step suspends the task, not the thread,
 * while it waits. Cancellation of the task surfaces as {@link CancelledError} from the for-each. Breaking out of the
 * loop does not close the source; put the source in a try-with-resources to close it early (see
 * {@link AsyncGenerator}).
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> extends Iterable<T> {
    /**
     * Returns the asynchronous iterator ({@code __aiter__}).
     *
     * @return the iterator
     */
    AsyncIterator<T> aiter();

    /**
     * Returns a blocking-style view of {@link #aiter()} for the for-each statement: {@code hasNext()} awaits
     * {@code anext()} (suspending the current task), {@code next()} returns what it fetched.
     *
     * @return a single-use iterator over {@link #aiter()}
     * @throws IllegalStateException from {@code hasNext()} if called outside a task, as {@code await} does
     */
    @Override
    default Iterator<T> iterator() {
        return new AwaitingIterator<>(aiter());
    }
}
