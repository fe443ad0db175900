package org.javaasync.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/** The bodies of {@link Asyncio#wait}, {@link Asyncio#asCompleted} and {@link Asyncio#shield}, ported from asyncio. */
final class Waiting {
    private Waiting() {}

    static <T> WaitResult<T> await(Collection<? extends Awaitable<T>> awaitables, Double timeout, ReturnWhen when) {
        Task<?> task = Task.currentOrFail("Asyncio.wait()");
        EventLoop loop = task.loop;
        if (awaitables.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        Set<AsyncFuture<T>> futures = new LinkedHashSet<>();
        for (Awaitable<T> awaitable : awaitables) {
            futures.add(loop.ensureFuture(awaitable));
        }
        AsyncFuture<Void> waiter = loop.createFuture();
        TimerHandle timeoutHandle = timeout == null
                ? null
                : loop.timerAt(loop.time() + timeout, () -> {
                    if (!waiter.isDone()) {
                        waiter.setResult(null);
                    }
                });
        int[] counter = {futures.size()};
        Consumer<AsyncFuture<T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0
                    || when == ReturnWhen.FIRST_COMPLETED
                    || when == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                if (!waiter.isDone()) {
                    waiter.setResult(null);
                }
            }
        };
        for (AsyncFuture<T> f : futures) {
            f.addDoneCallback(onCompletion);
        }
        try {
            task.awaitFuture(waiter);
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (AsyncFuture<T> f : futures) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<AsyncFuture<T>> done = new LinkedHashSet<>();
        Set<AsyncFuture<T>> pending = new LinkedHashSet<>();
        for (AsyncFuture<T> f : futures) {
            (f.isDone() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    /** asyncio's {@code as_completed}: futures start now, coroutines yield results in completion order. */
    static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables, Double timeout) {
        EventLoop loop = EventLoop.running("asCompleted()");
        Set<AsyncFuture<T>> todo = new LinkedHashSet<>();
        for (Awaitable<T> awaitable : awaitables) {
            todo.add(loop.ensureFuture(awaitable));
        }
        int total = todo.size();
        ArrayDeque<Object> done = new ArrayDeque<>();
        List<AsyncFuture<Void>> getters = new ArrayList<>(1);
        Object timedOut = new Object();
        TimerHandle[] timeoutHandle = new TimerHandle[1];
        Runnable wakeGetter = () -> {
            if (!getters.isEmpty()) {
                AsyncFuture<Void> getter = getters.removeFirst();
                if (!getter.isDone()) {
                    getter.setResult(null);
                }
            }
        };
        Consumer<AsyncFuture<T>> onCompletion = f -> {
            if (todo.isEmpty()) {
                return;
            }
            todo.remove(f);
            done.add(f);
            wakeGetter.run();
            if (todo.isEmpty() && timeoutHandle[0] != null) {
                timeoutHandle[0].cancel();
            }
        };
        for (AsyncFuture<T> f : todo) {
            f.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && timeout != null) {
            timeoutHandle[0] = loop.timerAt(loop.time() + timeout, () -> {
                for (AsyncFuture<T> f : todo) {
                    f.removeDoneCallback(onCompletion);
                    done.add(timedOut);
                    wakeGetter.run();
                }
                todo.clear();
            });
        }
        AsyncSupplier<T> waitForOne = () -> {
            Task<?> task = Task.currentOrFail("await(asCompleted(...) element)");
            while (done.isEmpty()) {
                AsyncFuture<Void> getter = loop.createFuture();
                getters.add(getter);
                task.awaitFuture(getter);
            }
            Object next = done.poll();
            if (next == timedOut) {
                throw new TimeoutError("asCompleted(): timed out after " + timeout + " s", null);
            }
            @SuppressWarnings("unchecked")
            AsyncFuture<T> f = (AsyncFuture<T>) next;
            return f.result();
        };
        return () -> new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < total;
            }

            @Override
            public Coroutine<T> next() {
                if (given >= total) {
                    throw new NoSuchElementException();
                }
                given++;
                return new Coroutine<>("asCompleted", waitForOne);
            }
        };
    }

    static <T> AsyncFuture<T> shield(Awaitable<T> awaitable) {
        EventLoop loop = EventLoop.running("shield()");
        AsyncFuture<T> inner = loop.ensureFuture(awaitable);
        if (inner.isDone()) {
            return inner;
        }
        AsyncFuture<T> outer = inner.loop.createFuture();
        Consumer<AsyncFuture<T>> innerDone = in -> {
            if (outer.isCancelled()) {
                if (!in.isCancelled()) {
                    in.markRetrieved();
                }
                return;
            }
            if (in.isCancelled()) {
                outer.cancel();
            } else if (in.exception() != null) {
                outer.setException(in.exception());
            } else {
                outer.setResult(in.resultNow());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(out -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
