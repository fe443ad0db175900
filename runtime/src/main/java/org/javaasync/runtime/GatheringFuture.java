package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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
        EventLoop loop = loopFor(awaitables);
        List<AsyncFuture<?>> children = wrap(loop, awaitables);
        GatheringFuture outer = new GatheringFuture(loop, children, returnExceptions);
        if (children.isEmpty()) {
            outer.complete(new ArrayList<>());
            return outer;
        }
        // The same future given twice is one child, as in asyncio. A pending child given again already has this
        // callback as its last one (nothing else registers on it meanwhile); a done one would have it scheduled, so
        // done children are remembered in a set (rarely needed, so made only then). No identity hash is computed
        // for the common case of distinct pending children: for new objects that is a call into the VM each.
        Consumer<AsyncFuture<?>> callback = outer::childDone;
        Set<AsyncFuture<?>> doneSeen = null;
        for (AsyncFuture<?> child : children) {
            if (child.isDone()) {
                if (doneSeen == null) {
                    doneSeen = Collections.newSetFromMap(new IdentityHashMap<>());
                }
                if (!doneSeen.add(child)) {
                    continue;
                }
            } else if (child.hasLastCallback(callback)) {
                continue;
            }
            child.addDoneCallback(callback);
            outer.distinctChildren++;
        }
        return outer;
    }

    /**
     * The children, in input order: a future of the loop as it is, a coroutine wrapped in a task. The same coroutine
     * given twice is one child, as in asyncio (a coroutine runs once): it is found through the coroutines already
     * wrapped, mapped only when a started coroutine shows up, so distinct inputs cost no hashing.
     */
    private static List<AsyncFuture<?>> wrap(EventLoop loop, Collection<? extends Awaitable<?>> awaitables) {
        List<AsyncFuture<?>> children = new ArrayList<>(awaitables.size());
        Map<Awaitable<?>, AsyncFuture<?>> wrapped = null;
        for (Awaitable<?> awaitable : awaitables) {
            AsyncFuture<?> child = null;
            if (awaitable instanceof Coroutine<?> coro) {
                if (coro.isStarted()) {
                    if (wrapped == null) {
                        wrapped = coroutinesWrapped(awaitables, children);
                    }
                    child = wrapped.get(coro);
                }
                if (child == null) {
                    // ensureFuture refuses a coroutine that already ran elsewhere, and a future of another loop:
                    // gathering across loops is an error, as in asyncio.
                    child = loop.ensureFuture(awaitable);
                    if (wrapped != null) {
                        wrapped.put(coro, child);
                    }
                }
            } else {
                child = loop.ensureFuture(awaitable);
            }
            children.add(child);
        }
        return children;
    }

    /** The tasks made so far from coroutine inputs, by coroutine: the first {@code made.size()} inputs' children. */
    private static Map<Awaitable<?>, AsyncFuture<?>> coroutinesWrapped(
            Collection<? extends Awaitable<?>> awaitables, List<AsyncFuture<?>> made) {
        Map<Awaitable<?>, AsyncFuture<?>> wrapped = new IdentityHashMap<>();
        Iterator<? extends Awaitable<?>> inputs = awaitables.iterator();
        for (AsyncFuture<?> child : made) {
            Awaitable<?> input = inputs.next();
            if (input instanceof Coroutine<?>) {
                wrapped.putIfAbsent(input, child);
            }
        }
        return wrapped;
    }

    /**
     * The running loop; with none running, the loop of the first future given (asyncio gathers the futures of a loop
     * that is not running yet, for example before {@code runUntilComplete}).
     */
    private static EventLoop loopFor(Collection<? extends Awaitable<?>> awaitables) {
        EventLoop running = EventLoop.runningOrNull();
        if (running != null) {
            return running;
        }
        for (Awaitable<?> awaitable : awaitables) {
            if (awaitable instanceof AsyncFuture<?> future) {
                return future.loop;
            }
        }
        return EventLoop.running("gather()");
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
