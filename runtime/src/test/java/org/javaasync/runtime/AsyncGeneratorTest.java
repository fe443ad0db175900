package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.sleep;
import static org.javaasync.runtime.Asyncio.waitFor;
import static org.javaasync.runtime.VirtualLoops.now;
import static org.javaasync.runtime.VirtualLoops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.javaasync.runtime.EventLoop.Scheduler;
import org.javaasync.runtime.VirtualLoops.Trace;

/** Async generators and the for-each over async iterables: hand-off, early close, failures, cancellation. */
class AsyncGeneratorTest {

    /** Emits 0..n-1, sleeping {@code gap} seconds after each, and records its steps and its cleanup. */
    private static AsyncGenerator<Integer> ticks(Trace trace, int n, double gap) {
        return AsyncGenerator.generate("ticks", out -> {
            try {
                for (int i = 0; i < n; i++) {
                    trace.add("emit " + i);
                    out.emit(i);
                    await(sleep(gap));
                }
            } finally {
                trace.add("cleanup");
            }
        });
    }

    @BothSchedulers
    void aForEachReceivesEveryElementAsTheBodyEmitsIt(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            for (int i : ticks(trace, 3, 1)) {
                trace.add("got " + i);
            }
        });
        assertEquals(
                List.of("emit 0@0.0", "got 0@0.0", "emit 1@1.0", "got 1@1.0", "emit 2@2.0", "got 2@2.0", "cleanup@3.0"),
                trace.steps());
    }

    @BothSchedulers
    void theBodyRunsOnlyAsFarAsTheConsumerPulls(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var gen = ticks(trace, 100, 0);
            await(sleep(1));
            assertEquals(List.of(), trace.steps(), "nothing runs before the first pull");
            assertEquals(0, await(gen.anext()));
            await(sleep(5)); // a slow consumer: the producer must not run ahead
            assertEquals(1, await(gen.anext()));
            await(gen.aclose());
        });
        assertEquals(List.of("emit 0@1.0", "emit 1@6.0", "cleanup@6.0"), trace.steps());
    }

    @BothSchedulers
    void breakingOutInsideTryWithResourcesClosesTheGeneratorAndItsCleanupMayAwait(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var gen = AsyncGenerator.<Integer>generate(out -> {
                try {
                    for (int i = 0; ; i++) {
                        out.emit(i);
                    }
                } finally {
                    await(sleep(2));
                    trace.add("cleanup done");
                }
            });
            try (gen) {
                for (int i : gen) {
                    if (i == 3) {
                        trace.add("break");
                        break;
                    }
                }
            }
            trace.add("after try");
            assertThrows(StopAsyncIteration.class, () -> await(gen.anext()));
        });
        assertEquals(List.of("break@0.0", "cleanup done@2.0", "after try@2.0"), trace.steps());
    }

    @BothSchedulers
    void anExceptionFromTheBodyReachesTheConsumerAndEndsTheGenerator(Scheduler scheduler) {
        run(scheduler, () -> {
            var gen = AsyncGenerator.<String>generate(out -> {
                out.emit("a");
                await(sleep(1));
                throw new java.io.IOException("disk on fire");
            });
            List<String> got = new ArrayList<>();
            var e = assertThrows(java.io.IOException.class, () -> {
                for (String s : gen) {
                    got.add(s);
                }
            });
            assertEquals("disk on fire", e.getMessage());
            assertEquals(List.of("a"), got);
            assertEquals(1.0, now());
            assertThrows(StopAsyncIteration.class, () -> await(gen.anext()));
        });
    }

    @BothSchedulers
    void closingAGeneratorThatNeverStartedRunsNothing(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var gen = ticks(trace, 3, 0);
            gen.close();
            gen.close();
            assertThrows(StopAsyncIteration.class, () -> await(gen.anext()));
        });
        assertEquals(List.of(), trace.steps());
    }

    @BothSchedulers
    void aBodyThatEmitsAfterBeingClosedMakesCloseRaise(Scheduler scheduler) {
        run(scheduler, () -> {
            var gen = AsyncGenerator.<Integer>generate(out -> {
                try {
                    out.emit(1);
                } finally {
                    out.emit(2); // Python: "async generator ignored GeneratorExit"
                }
            });
            assertEquals(1, await(gen.anext()));
            var e = assertThrows(IllegalStateException.class, () -> await(gen.aclose()));
            assertTrue(e.getMessage().contains("ignored GeneratorExit"), e.getMessage());
        });
    }

    @BothSchedulers
    void cancellingTheConsumerBetweenElementsCancelsTheBodyAndRunsItsCleanup(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            var gen = ticks(trace, 10, 5);
            Task<Void> consumer = createTask(async(() -> {
                for (int i : gen) {
                    trace.add("got " + i);
                }
            }));
            await(sleep(1)); // the body is sleeping between element 0 and element 1
            consumer.cancel();
            assertThrows(CancelledError.class, () -> await(consumer));
            assertThrows(StopAsyncIteration.class, () -> await(gen.anext()));
        });
        assertEquals(List.of("emit 0@0.0", "got 0@0.0", "cleanup@1.0"), trace.steps());
    }

    @BothSchedulers
    void aTimedOutPullCancelsTheBodyItWasWaitingFor(Scheduler scheduler) {
        run(scheduler, () -> {
            var gen = AsyncGenerator.<String>generate(out -> {
                await(sleep(1));
                out.emit("slow");
            });
            // waitFor cancels the pull at 0.5; the body shares the pull's fate, as it would in Python.
            assertThrows(TimeoutError.class, () -> await(waitFor(gen.anext(), 0.5)));
            assertEquals(0.5, now());
            assertThrows(StopAsyncIteration.class, () -> await(gen.anext()));
        });
    }

    @BothSchedulers
    void pullingFromTwoTasksAtOnceRaises(Scheduler scheduler) {
        run(scheduler, () -> {
            var gen = ticks(new Trace(), 3, 1);
            assertEquals(0, await(gen.anext()));
            Task<Integer> first = createTask(gen.anext());
            await(sleep(0));
            var e = assertThrows(IllegalStateException.class, () -> await(gen.anext()));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> await(gen.aclose()));
            assertEquals(1, await(first));
            await(gen.aclose());
        });
    }

    @BothSchedulers
    void aGeneratorIsAnAsyncIterableAndItsOwnIterator(Scheduler scheduler) {
        run(scheduler, () -> {
            AsyncIterable<Integer> iterable = ticks(new Trace(), 2, 0);
            AsyncIterator<Integer> it = iterable.aiter();
            assertEquals(0, await(it.anext()));
            assertEquals(1, await(it.anext()));
            assertThrows(StopAsyncIteration.class, () -> await(it.anext()));
            assertFalse(iterable.iterator().hasNext());
        });
    }

    @BothSchedulers
    void aGeneratorLeftOpenIsCancelledWhenRunFinishesAndItsCleanupRuns(Scheduler scheduler) {
        var trace = new Trace();
        run(scheduler, () -> {
            for (int i : ticks(trace, 10, 1)) {
                if (i == 1) {
                    break; // no try-with-resources: the body stays suspended in emit
                }
            }
            trace.add("main done");
        });
        // As asyncio.run cancels what is left (and finalizes async generators), the body's finally still runs.
        assertEquals(List.of("emit 0@0.0", "emit 1@1.0", "main done@1.0", "cleanup@1.0"), trace.steps());
    }
}
