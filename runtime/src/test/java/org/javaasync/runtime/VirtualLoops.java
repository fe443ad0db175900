package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Test helper for the primitives' and generators' suites: runs a body as the main task of a fresh loop on a
 * {@link VirtualClock}, with the scheduler under test, and records exact orderings with virtual timestamps.
 */
public final class VirtualLoops {
    private VirtualLoops() {}

    /** Runs {@code body} to completion on a new virtual-time loop using {@code scheduler}, and returns its result. */
    public static <T> T run(EventLoop.Scheduler scheduler, AsyncSupplier<T> body) {
        EventLoop loop = EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .reporter(r -> {})
                .build();
        return Asyncio.run(Asyncio.async("main", body), loop);
    }

    /** Runs {@code body} to completion on a new virtual-time loop using {@code scheduler}. */
    public static void run(EventLoop.Scheduler scheduler, AsyncRunnable body) {
        run(scheduler, () -> {
            body.run();
            return null;
        });
    }

    /** Returns the running loop's (virtual) time. */
    public static double now() {
        return Asyncio.getRunningLoop().time();
    }

    /** An ordered record of steps, each stamped with the virtual time it happened at: {@code "name@1.5"}. */
    public static final class Trace {
        private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

        /** Records {@code step} at the current virtual time. */
        public void add(String step) {
            steps.add(step + "@" + now());
        }

        /** Returns the steps recorded so far. */
        public List<String> steps() {
            return List.copyOf(steps);
        }
    }
}
