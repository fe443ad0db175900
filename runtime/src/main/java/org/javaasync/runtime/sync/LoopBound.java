package org.javaasync.runtime.sync;

import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;

/**
 * Binds a primitive to the first loop that makes it wait, like asyncio's {@code mixins._LoopBoundMixin}: a primitive
 * may be created anywhere (even before any loop exists), but its waiters are futures of one loop, so using it from a
 * second loop is a bug that must fail loudly rather than hang.
 */
abstract class LoopBound {
    private EventLoop loop;

    /**
     * Creates a pending future on the running loop, binding this primitive to that loop on first use.
     *
     * @throws IllegalStateException if no loop is running in this thread, or this primitive is bound to another loop
     */
    final <T> AsyncFuture<T> newWaiter() {
        EventLoop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is bound to a different event loop: create it on, or use it only from, one loop");
        }
        return running.createFuture();
    }
}
