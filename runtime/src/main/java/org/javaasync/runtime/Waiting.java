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

    /** asyncio 3.12's {@code wait_for}: a timeout scope around the await, or cancel-and-wait for no time at all. */
    static <T> T waitFor(Awaitable<T> awaitable, Double seconds) {
        Task<?> task = Task.currentOrFail("await(waitFor(...))");
        EventLoop loop = task.loop;
        if (seconds != null && seconds <= 0) {
            AsyncFuture<T> future = loop.ensureFuture(awaitable);
            if (future.isDone()) {
                return future.resultNow();
            }
            cancelAndWait(task, future);
            try {
                return future.resultNow();
            } catch (CancelledError e) {
                throw new TimeoutError("waitFor(): timed out", e);
            }
        }
        return Timeout.runExact(seconds == null ? null : loop.time() + seconds, t -> switch (awaitable) {
            case Coroutine<T> coro -> coro.runInline(task);
            case AsyncFuture<T> future -> task.awaitFuture(future);
        });
    }

    /** Cancels {@code future} and waits until it is done, through a waiter so that this wait stays cancellable. */
    private static void cancelAndWait(Task<?> task, AsyncFuture<?> future) {
        AsyncFuture<Void> waiter = task.loop.createFuture();
        Consumer<AsyncFuture<?>> release = f -> {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        };
        future.addDoneCallback(release);
        try {
            future.cancel();
            task.awaitFuture(waiter);
        } finally {
            future.removeDoneCallback(release);
        }
    }

    /**
     * What a shielded future that fails after its shield was cancelled does with its exception: nobody awaits it any
     * more, so it goes to the exception handler (one registration per future, however many shields it had).
     */
    private static final Consumer<AsyncFuture<?>> LOG_ON_EXCEPTION = future -> {
        if (future.isCancelled()) {
            return;
        }
        Throwable failure = future.exception();
        if (failure != null) {
            future.loop.callExceptionHandler(EventLoop.errorContext(
                    failure.getClass().getSimpleName() + " exception in shielded future", failure, "future", future));
        }
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> AsyncFuture<T> shield(Awaitable<T> awaitable) {
        EventLoop loop = EventLoop.running("shield()");
        AsyncFuture<T> inner = loop.ensureFuture(awaitable);
        if (inner.isDone()) {
            return inner;
        }
        AsyncFuture<T> outer = inner.loop.createFuture();
        Consumer<AsyncFuture<T>> innerDone = in -> {
            if (outer.isCancelled()) {
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
                Consumer logOnException = LOG_ON_EXCEPTION;
                inner.removeDoneCallback(logOnException);
                inner.addDoneCallback(logOnException);
            }
        });
        return outer;
    }
}
