package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The asynchronous generators of a loop that started and have not finished (asyncio's {@code loop._asyncgens}, fed by
 * its first-iteration hook), so that {@link EventLoop#shutdownAsyncGens()} can close them at the end of a run.
 * Loop-confined.
 */
final class AsyncGenerators {
    private final Set<AsyncGenerator<?>> live = new LinkedHashSet<>();
    private boolean shutdownCalled;

    void started(AsyncGenerator<?> generator, EventLoop loop) {
        if (shutdownCalled) {
            loop.report("asynchronous generator " + generator + " was scheduled after loop.shutdownAsyncGens() call");
        }
        live.add(generator);
    }

    void finished(AsyncGenerator<?> generator) {
        live.remove(generator);
    }

    /** Whether {@code task} is the body of a live generator parked at an emit, waiting for its consumer. */
    boolean parksAtEmit(Task<?> task) {
        for (AsyncGenerator<?> generator : live) {
            if (generator.producer() == task && generator.isSuspendedAtEmit()) {
                return true;
            }
        }
        return false;
    }

    /** Marks the shutdown and returns the generators to close. */
    List<AsyncGenerator<?>> takeAll() {
        shutdownCalled = true;
        List<AsyncGenerator<?>> all = new ArrayList<>(live);
        live.clear();
        return all;
    }
}
