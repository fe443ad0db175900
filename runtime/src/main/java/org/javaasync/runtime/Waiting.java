package org.javaasync.runtime;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** The bodies of {@link Asyncio#wait} and {@link Asyncio#shield}, ported from asyncio. */
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
