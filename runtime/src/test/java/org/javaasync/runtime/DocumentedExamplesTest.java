package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** The examples in the Javadoc of the package and of {@link Asyncio}, run as written (on virtual time). */
class DocumentedExamplesTest {

    private static Coroutine<String> fetch(String url, double seconds) {
        return async("fetch", () -> {
            await(sleep(seconds));
            return url + " done";
        });
    }

    @BothSchedulers
    void thePackageExampleGathersInInputOrderWithinTheTimeout(EventLoop.Scheduler scheduler) {
        double[] elapsed = new double[1];
        List<String> pages = TestLoops.run(scheduler, () -> {
            List<String> result = await(timeout(5, () -> await(gather(fetch("a", 1), fetch("b", 2)))));
            elapsed[0] = getRunningLoop().time();
            return result;
        });
        assertEquals(List.of("a done", "b done"), pages);
        assertEquals(2.0, elapsed[0]);
    }

    @BothSchedulers
    void theScopeCallShapesOfContractMdCompileAndRun(EventLoop.Scheduler scheduler) {
        List<Object> seen = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            String x = await(timeout(2.0, () -> {
                await(sleep(1));
                return "x";
            }));
            await(timeout(2.0, () -> {
                seen.add(x);
            }));
            await(timeoutAt(getRunningLoop().time() + 1, () -> {
                seen.add("at");
            }));
            int n = await(taskGroup(tg -> {
                tg.createTask(fetch("a", 1));
                return 42;
            }));
            await(taskGroup(tg -> {
                tg.createTask(() -> seen.add(n));
            }));
            try (var t = timeout(2.0)) {
                await(sleep(1));
            }
            try (var tg = new TaskGroup()) {
                tg.createTask(fetch("b", 1));
            }
            seen.add(getRunningLoop().time());
        });
        assertEquals(List.of("x", "at", 42, 4.0), seen);
    }
}
