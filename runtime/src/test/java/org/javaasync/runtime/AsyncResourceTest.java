package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.javaasync.runtime.VirtualLoops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.VirtualLoops.Trace;

/** {@code @asynccontextmanager} as try-with-resources: setup, teardown that awaits, on every way out. */
class AsyncResourceTest {

    /** A resource whose setup and teardown each take one virtual second. */
    private static Coroutine<AsyncResource<String>> connection(Trace trace, String name) {
        return AsyncResource.open(
                async(() -> {
                    await(sleep(1));
                    trace.add("open " + name);
                    return name;
                }),
                value -> {
                    await(sleep(1));
                    trace.add("close " + value);
                });
    }

    @BothSchedulers
    void theTeardownRunsWhenTheBlockEndsAndMayAwait(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            try (var conn = await(connection(trace, "db"))) {
                trace.add("use " + conn.get());
            }
            trace.add("after");
        });
        assertEquals(List.of("open db@1.0", "use db@1.0", "close db@2.0", "after@2.0"), trace.steps());
    }

    @BothSchedulers
    void theTeardownRunsWhenTheBlockThrows(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            assertThrows(ArithmeticException.class, () -> {
                try (var _ = await(connection(trace, "db"))) {
                    throw new ArithmeticException();
                }
            });
        });
        assertEquals(List.of("open db@1.0", "close db@2.0"), trace.steps());
    }

    @BothSchedulers
    void theTeardownRunsAndAwaitsWhenTheTaskIsCancelledInsideTheBlock(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            Task<Void> t = createTask(async(() -> {
                try (var _ = await(connection(trace, "db"))) {
                    await(sleep(10));
                    trace.add("never");
                }
            }));
            await(sleep(3));
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
        });
        assertEquals(List.of("open db@1.0", "close db@4.0"), trace.steps());
    }

    @BothSchedulers
    void aFailedSetupOpensNothingAndTearsNothingDown(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            Coroutine<AsyncResource<String>> broken = AsyncResource.open(
                    async(() -> {
                        throw new IllegalArgumentException("no such host");
                    }),
                    value -> trace.add("close"));
            assertThrows(IllegalArgumentException.class, () -> await(broken));
        });
        assertEquals(List.of(), trace.steps());
    }

    @BothSchedulers
    void closingTwiceTearsDownOnce(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var conn = await(connection(trace, "db"));
            conn.close();
            conn.close();
            assertTrue(conn.isClosed());
        });
        assertEquals(List.of("open db@1.0", "close db@2.0"), trace.steps());
    }
}
