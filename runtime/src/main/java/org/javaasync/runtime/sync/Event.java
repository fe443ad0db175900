package org.javaasync.runtime.sync;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;

import java.util.ArrayDeque;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.AsyncSupplier;
import org.javaasync.runtime.Coroutine;

/**
 * asyncio's {@code Event}: a flag that tasks can wait to become set. {@link #set()} wakes every waiting task, in the
 * order they started waiting. Not thread-safe; confined to the loop it is first used on (from another thread, use
 * {@code loop.callSoonThreadsafe(event::set)}).
 */
public final class Event extends LoopBound {
    private final ArrayDeque<AsyncFuture<Boolean>> waiters = new ArrayDeque<>();
    // One body for every coroutine waitUntilSet() returns (it captures only this object), not one per call.
    private final AsyncSupplier<Boolean> waitBody = this::waitNow;
    private boolean value;

    /** Creates an event whose flag is clear. */
    public Event() {}

    /**
     * Returns whether the flag is set.
     *
     * @return {@code true} if set
     */
    public boolean isSet() {
        return value;
    }

    /**
     * Sets the flag and wakes all tasks waiting for it (they resume in FIFO order once this task yields). Tasks that
     * call {@link #waitUntilSet()} afterwards do not wait. Setting a set event does nothing.
     */
    public void set() {
        if (!value) {
            value = true;
            for (AsyncFuture<Boolean> fut : waiters) {
                if (!fut.isDone()) {
                    fut.setResult(true);
                }
            }
        }
    }

    /** Clears the flag, so that later {@link #waitUntilSet()} calls wait again. Tasks already woken stay woken. */
    public void clear() {
        value = false;
    }

    /**
     * Returns a coroutine that resolves to {@code true} once the flag is set: at once if it is set already, otherwise
     * when {@link #set()} is next called (even if {@link #clear()} follows before this task runs). asyncio's
     * {@code Event.wait()}, renamed because {@code Object.wait()} is final.
     *
     * <p>Cancellation: a cancelled waiter is removed and {@code CancelledError} propagates. Timeout: wrap it, e.g.
     * {@code await(waitFor(event.waitUntilSet(), 1.0))}.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     */
    public Coroutine<Boolean> waitUntilSet() {
        return async("Event.wait", waitBody);
    }

    private Boolean waitNow() {
        if (value) {
            return true;
        }
        AsyncFuture<Boolean> fut = newWaiter();
        waiters.add(fut);
        try {
            await(fut);
            return true;
        } finally {
            waiters.remove(fut);
        }
    }

    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }
}
