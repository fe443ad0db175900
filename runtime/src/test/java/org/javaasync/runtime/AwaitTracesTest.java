package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/**
 * {@link AwaitTraces}: the awaits through which an exception crossed from one task to another, which Python's
 * traceback shows and a Java stack trace cannot. Not CPython's tests: a Python traceback grows by itself.
 */
class AwaitTracesTest {

    private static int line() {
        return StackWalker.getInstance()
                .walk(s -> s.skip(1).findFirst())
                .orElseThrow()
                .getLineNumber();
    }

    private static Coroutine<Void> failing(RuntimeException e) {
        return async(() -> {
            await(sleep(1));
            throw e;
        });
    }

    @BothSchedulers
    void awaitingAFailedTaskRecordsTheAwaitingLine(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Void> task = createTask(failing(boom));
            int awaitedAt = line() + 1;
            assertSame(boom, assertThrows(IllegalStateException.class, () -> await(task)));
            List<StackTraceElement[]> awaits = AwaitTraces.of(boom);
            assertEquals(1, awaits.size());
            StackTraceElement top = awaits.getFirst()[0];
            assertEquals(AwaitTracesTest.class.getName(), top.getClassName(), "the runtime's frames left out");
            assertEquals(awaitedAt, top.getLineNumber());
        });
    }

    @BothSchedulers
    void eachAwaitOfTheSameFailureIsKeptInOrder(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Void> task = createTask(failing(boom));
            int first = line() + 1;
            assertThrows(IllegalStateException.class, () -> await(task));
            int second = line() + 1;
            assertThrows(IllegalStateException.class, () -> await(task));
            List<StackTraceElement[]> awaits = AwaitTraces.of(boom);
            assertEquals(
                    List.of(first, second),
                    awaits.stream().map(s -> s[0].getLineNumber()).toList());
        });
    }

    @BothSchedulers
    void aFailureThatCrossesTwoTasksKeepsBothAwaits(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Void> inner = createTask(failing(boom));
            int innerAwait = line() + 1;
            Task<Void> outer = createTask(() -> await(inner));
            int outerAwait = line() + 1;
            assertThrows(IllegalStateException.class, () -> await(outer));
            assertEquals(
                    List.of(innerAwait, outerAwait),
                    AwaitTraces.of(boom).stream().map(s -> s[0].getLineNumber()).toList());
        });
    }

    @BothSchedulers
    void gatherRecordsTheAwaitOfTheGather(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            IllegalStateException boom = new IllegalStateException("boom");
            int awaitedAt = line() + 1;
            assertThrows(IllegalStateException.class, () -> await(gather(failing(boom), sleep(2))));
            assertEquals(awaitedAt, AwaitTraces.of(boom).getLast()[0].getLineNumber());
        });
    }

    @BothSchedulers
    void aCoroutineAwaitedInlineNeedsNoRecord(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            IllegalStateException boom = new IllegalStateException("boom");
            assertThrows(IllegalStateException.class, () -> await(failing(boom)));
            assertEquals(List.of(), AwaitTraces.of(boom), "its frames are in its own stack trace already");
        });
    }

    @BothSchedulers
    void anExceptionAwaitedInALoopKeepsABoundedRecord(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Void> task = createTask(failing(boom));
            for (int i = 0; i < 20; i++) {
                assertThrows(IllegalStateException.class, () -> await(task));
            }
            assertEquals(AwaitTraces.MAX_AWAITS, AwaitTraces.of(boom).size());
        });
    }
}
