package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Loops for tests: virtual time, a chosen scheduler, reports collected instead of printed. */
final class TestLoops {
    private TestLoops() {}

    static EventLoop virtualTime(EventLoop.Scheduler scheduler) {
        return EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .reporter(r -> {})
                .build();
    }

    static EventLoop virtualTime(EventLoop.Scheduler scheduler, Consumer<String> reporter) {
        return EventLoop.builder()
                .clock(new VirtualClock())
                .scheduler(scheduler)
                .reporter(reporter)
                .build();
    }

    /** Runs {@code body} as the main task on a virtual-time loop, then closes the loop. */
    static <T> T run(EventLoop.Scheduler scheduler, AsyncSupplier<T> body) {
        return Asyncio.run(Asyncio.async("main", body), virtualTime(scheduler));
    }

    static void run(EventLoop.Scheduler scheduler, AsyncRunnable body) {
        Asyncio.run(Asyncio.async("main", body), virtualTime(scheduler));
    }

    /**
     * The virtual-clock stand-in for code that holds the loop for {@code seconds} ({@code time.sleep} in a CPython
     * test): loop time moves on while nothing else runs.
     */
    static void blockLoop(double seconds) {
        EventLoop loop = Asyncio.getRunningLoop();
        ((VirtualClock) loop.clock()).advanceTo(loop.time() + seconds);
    }

    /** kotlinx.coroutines' expect(n): steps must happen in exactly this order. */
    static final class Steps {
        private int last;
        private final List<String> errors = new ArrayList<>();

        void expect(int step) {
            if (step != last + 1) {
                errors.add("expected step " + (last + 1) + " but got " + step);
            }
            last = step;
        }

        void finish(int step) {
            expect(step);
            if (!errors.isEmpty()) {
                throw new AssertionError(String.join("; ", errors));
            }
        }
    }
}
