package org.javaasync.runtime;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link Asyncio#asCompleted} returns (asyncio 3.13's {@code as_completed} iterator): the given awaitables run
 * concurrently (coroutines are wrapped in tasks at once; the same awaitable given twice counts once), and this object
 * hands them out in the order they finish, two ways:
 *
 * <pre>{@code
 * for (Coroutine<String> next : asCompleted(tasks)) {          // plain: each coroutine gives the next result
 *     String page = await(next);                               // (or throws the next failure)
 * }
 * for (AsyncFuture<String> done : asCompleted(tasks).futures()) {   // asynchronous: each step awaits the next
 *     String page = done.result();                                  // finished task itself, the original object
 * }
 * }</pre>
 *
 * <p>Both ways share one state: together they yield as many elements as there were distinct awaitables. With a
 * timeout, awaiting an element after the deadline throws {@link TimeoutError} (the awaitables themselves are not
 * cancelled). Cancelling a task that awaits an element cancels only that wait; the finished future it would have
 * taken goes to the next one. Loop-confined: created and iterated on the loop of its awaitables.
 *
 * @param <T> the result type
 */
public final class AsCompleted<T> implements Iterable<Coroutine<T>>, AsyncIterator<AsyncFuture<T>> {
    private static final Object TIMED_OUT = new Object();

    private final EventLoop loop;
    private final Double timeout;
    private final Set<AsyncFuture<T>> todo = new LinkedHashSet<>();
    /** Finished futures (and the timeout's sentinels) not yet handed out, in finishing order. */
    private final ArrayDeque<Object> done = new ArrayDeque<>();
    /** Waits for {@link #done} to get an element, woken first come, first served. */
    private final ArrayDeque<AsyncFuture<Void>> getters = new ArrayDeque<>();

    private final Consumer<AsyncFuture<T>> onCompletion = this::handleCompletion;
    private TimerHandle timeoutHandle;
    private int todoLeft;

    AsCompleted(EventLoop loop, Collection<? extends Awaitable<T>> awaitables, Double timeout) {
        this.loop = loop;
        this.timeout = timeout;
        for (Awaitable<T> awaitable : new LinkedHashSet<>(awaitables)) {
            todo.add(loop.ensureFuture(awaitable));
        }
        for (AsyncFuture<T> f : todo) {
            f.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && timeout != null) {
            timeoutHandle = loop.timerAt(loop.time() + timeout, this::handleTimeout);
        }
        todoLeft = todo.size();
    }

    /**
     * Returns the plain view: as many coroutines as distinct awaitables; awaiting one gives the result of the next
     * awaitable to finish, or throws its failure ({@link TimeoutError} after the deadline).
     *
     * @return an iterator over coroutines
     */
    @Override
    public Iterator<Coroutine<T>> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return todoLeft > 0;
            }

            @Override
            public Coroutine<T> next() {
                if (todoLeft <= 0) {
                    throw new NoSuchElementException("asCompleted(): every awaitable was handed out");
                }
                todoLeft--;
                return new Coroutine<>("asCompleted", () -> waitForOne().result());
            }
        };
    }

    /**
     * Returns a coroutine that waits for the next awaitable to finish and gives it: the task or future given to
     * {@code asCompleted} (for a coroutine, the task wrapping it), done, its result or failure not retrieved. Fails
     * with {@link StopAsyncIteration} when every awaitable was handed out, with {@link TimeoutError} after the
     * deadline.
     *
     * @return a lazy coroutine
     */
    @Override
    public Coroutine<AsyncFuture<T>> anext() {
        return new Coroutine<>("asCompleted.anext", () -> {
            if (todoLeft <= 0) {
                throw new StopAsyncIteration();
            }
            todoLeft--;
            return waitForOne();
        });
    }

    /**
     * Returns the asynchronous view for a for-each inside a task: each step awaits the next finished future.
     *
     * @return an iterable over the finished futures, in finishing order
     */
    public AsyncIterable<AsyncFuture<T>> futures() {
        return () -> this;
    }

    private void handleCompletion(AsyncFuture<T> f) {
        if (todo.isEmpty()) {
            return; // the timeout came first
        }
        todo.remove(f);
        putDone(f);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    private void handleTimeout() {
        for (AsyncFuture<T> f : todo) {
            f.removeDoneCallback(onCompletion);
            putDone(TIMED_OUT);
        }
        todo.clear();
    }

    private void putDone(Object element) {
        done.add(element);
        wakeNextGetter();
    }

    private void wakeNextGetter() {
        while (!getters.isEmpty()) {
            AsyncFuture<Void> getter = getters.poll();
            if (!getter.isDone()) {
                getter.setResult(null);
                return;
            }
        }
    }

    /** asyncio's {@code _wait_for_one}: the next finished future, in the order they finished. */
    private AsyncFuture<T> waitForOne() {
        Task<?> task = Task.currentOrFail("await(asCompleted(...) element)");
        while (done.isEmpty()) {
            AsyncFuture<Void> getter = loop.createFuture();
            getters.add(getter);
            try {
                task.awaitFuture(getter);
            } catch (RuntimeException | Error e) {
                getter.cancel();
                getters.remove(getter);
                if (!done.isEmpty() && !getter.isCancelled()) {
                    wakeNextGetter(); // we were woken but are leaving: the element is for the next waiter
                }
                throw e;
            }
        }
        Object next = done.poll();
        if (next == TIMED_OUT) {
            throw new TimeoutError(timeout, "asCompleted", null, null, null);
        }
        @SuppressWarnings("unchecked")
        AsyncFuture<T> f = (AsyncFuture<T>) next;
        return f;
    }

    @Override
    public String toString() {
        return "<AsCompleted " + todoLeft + " left, " + done.size() + " done>";
    }
}
