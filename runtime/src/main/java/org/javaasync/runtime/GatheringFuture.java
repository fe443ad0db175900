package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The future {@link Asyncio#gather} returns (asyncio's {@code _GatheringFuture}): results in input order; without
 * return-exceptions, the first failure completes it while the other children keep running; cancelling it cancels
 * every child.
 */
final class GatheringFuture extends AsyncFuture<List<Object>> {
    private final List<AsyncFuture<?>> children;
    private final boolean returnExceptions;
    private int finishedCount;
    private int distinctChildren;
    private boolean cancelRequested;

    private GatheringFuture(EventLoop loop, List<AsyncFuture<?>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
    }

    @Override
    String awaitedDescription() {
        return "gather of " + children.size();
    }

    static GatheringFuture start(Collection<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
        EventLoop loop = EventLoop.running("gather()");
        // The same awaitable given twice is one child, as in asyncio (a coroutine can only run once).
        Map<Awaitable<?>, AsyncFuture<?>> seen = new IdentityHashMap<>(awaitables.size());
        List<AsyncFuture<?>> children = new ArrayList<>(awaitables.size());
        for (Awaitable<?> awaitable : awaitables) {
            // ensureFuture refuses a future of another loop: gathering across loops is an error, as in asyncio.
            children.add(seen.computeIfAbsent(awaitable, a -> loop.ensureFuture(a)));
        }
        GatheringFuture outer = new GatheringFuture(loop, children, returnExceptions);
        if (children.isEmpty()) {
            outer.complete(new ArrayList<>());
            return outer;
        }
        java.util.function.Consumer<AsyncFuture<?>> callback = outer::childDone;
        for (AsyncFuture<?> child :
                seen.size() == children.size() ? children : new java.util.LinkedHashSet<>(children)) {
            child.addDoneCallback(callback);
            outer.distinctChildren++;
        }
        return outer;
    }

    private void childDone(AsyncFuture<?> child) {
        finishedCount++;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.markRetrieved();
            }
            return;
        }
        if (!returnExceptions) {
            if (child.isCancelled()) {
                completeExceptionally(child.cancelledError());
                return;
            }
            Throwable failure = child.exception();
            if (failure != null) {
                completeExceptionally(failure);
                return;
            }
        }
        if (finishedCount == distinctChildren) {
            List<Object> results = new ArrayList<>(children.size());
            for (AsyncFuture<?> c : children) {
                if (c.isCancelled()) {
                    results.add(new CancelledError(c.cancelMessage()));
                } else {
                    Throwable failure = c.exception();
                    results.add(failure != null ? failure : c.resultNow());
                }
            }
            if (cancelRequested) {
                // Cancelling gather cancels the caller even with return-exceptions, with the message it was given.
                completeExceptionally(child.cancelledError());
            } else {
                complete(results);
            }
        }
    }

    /** Cancels every child; the gathering future completes when the children are done. */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread("cancel()");
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (AsyncFuture<?> child : children) {
            if (child.cancel(msg)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }
}
