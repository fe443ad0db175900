package org.javaasync.kernel.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.Awaitable;
import org.javaasync.runtime.CancelledError;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop;

/**
 * Progress for long gathers, imported statically into every kernel session (like tqdm's asyncio support):
 * {@code var pages = await(progressGather("pages", fetches));} shows a live bar in the cell — {@code 37/100 done,
 * 1.2 s} — updated in place at most ten times a second, and its final state when the gather completes, fails or is
 * cancelled. See {@link ProgressBar}.
 */
public final class Progress {

    private Progress() {}

    /** {@link Asyncio#gather} with a live progress bar. Call it inside a task (a cell is one). */
    @SafeVarargs
    public static <T> AsyncFuture<List<T>> progressGather(Awaitable<? extends T>... awaitables) {
        return progressGather("", Arrays.asList(awaitables));
    }

    /** {@link Asyncio#gather} with a live progress bar. Call it inside a task (a cell is one). */
    public static <T> AsyncFuture<List<T>> progressGather(Collection<? extends Awaitable<? extends T>> awaitables) {
        return progressGather("", awaitables);
    }

    /**
     * {@link Asyncio#gather} with a live progress bar labelled {@code label}: coroutines are wrapped in tasks at once,
     * each finished child advances the bar (a failed one counts as failed, a cancelled one not at all), and the
     * gather's outcome is the bar's final state: done, failed, or cancelled. The result is gather's, unchanged.
     */
    public static <T> AsyncFuture<List<T>> progressGather(
            String label, Collection<? extends Awaitable<? extends T>> awaitables) {
        EventLoop loop = Asyncio.getRunningLoop();
        List<AsyncFuture<? extends T>> children = new ArrayList<>(awaitables.size());
        for (Awaitable<? extends T> awaitable : awaitables) {
            children.add(
                    switch (awaitable) {
                        case Coroutine<? extends T> coro -> loop.createTask(coro);
                        case AsyncFuture<? extends T> future -> future;
                    });
        }
        ProgressBar bar =
                new ProgressBar(label, (int) children.stream().distinct().count(), loop, Output.current());
        children.stream()
                .distinct()
                .forEach(child -> child.addDoneCallback(done -> {
                    if (done.isFailed()) bar.advanceFailed();
                    else if (!done.isCancelled()) bar.advance(); // a cancelled child is not done work
                }));
        AsyncFuture<List<T>> all = Asyncio.gather(children);
        all.addDoneCallback(done -> {
            Throwable failure = done.isFailed() ? done.exception() : null;
            // A cancelled gather ends with a CancelledError as its exception once its children are cancelled.
            if (done.isCancelled() || failure instanceof CancelledError) bar.cancel();
            else if (failure != null) bar.fail(failure);
            else bar.finish();
        });
        return all;
    }

    /** A bar for {@code total} steps in the current cell, to drive yourself. Call it inside a task. */
    public static ProgressBar progressBar(String label, int total) {
        return new ProgressBar(label, total);
    }
}
