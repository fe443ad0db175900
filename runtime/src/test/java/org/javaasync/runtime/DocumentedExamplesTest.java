package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
            try (var t = timeout(5)) {
                List<String> result = await(gather(fetch("a", 1), fetch("b", 2)));
                elapsed[0] = getRunningLoop().time();
                return result;
            }
        });
        assertEquals(List.of("a done", "b done"), pages);
        assertEquals(2.0, elapsed[0]);
    }
}
