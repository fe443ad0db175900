package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link AsyncFuture#unretrievedException()}: the query a tool uses to find failures nobody looked at. */
class UnretrievedExceptionTest {

    private static final IllegalStateException BOOM = new IllegalStateException("boom");

    private static Coroutine<Void> failing() {
        return async(() -> {
            await(sleep(1));
            throw BOOM;
        });
    }

    @BothSchedulers
    void aFailedTaskNobodyAwaitedReportsItsExceptionAndTheQueryDoesNotRetrieveIt(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(failing());
            assertNull(task.unretrievedException(), "pending");
            await(sleep(2));
            assertSame(BOOM, task.unretrievedException());
            assertSame(BOOM, task.unretrievedException(), "asking twice still answers");
            assertSame(BOOM, task.exception());
            assertNull(task.unretrievedException(), "exception() retrieved it");
        });
    }

    @BothSchedulers
    void awaitingAFailedTaskRetrievesItsException(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(failing());
            try {
                await(task);
            } catch (IllegalStateException expected) {
                // awaited: retrieved
            }
            assertNull(task.unretrievedException());
        });
    }

    @BothSchedulers
    void gatherRetrievesTheExceptionsOfItsChildren(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(failing());
            await(gatherReturningExceptions(task));
            assertNull(task.unretrievedException());
        });
    }

    @BothSchedulers
    void cancelledAndSuccessfulTasksHaveNoUnretrievedException(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Integer> ok = createTask(async(() -> 1));
            Task<Void> cancelled = createTask(failing());
            await(sleep(0));
            cancelled.cancel();
            await(sleep(2));
            assertNull(ok.unretrievedException());
            assertNull(cancelled.unretrievedException());
        });
    }
}
