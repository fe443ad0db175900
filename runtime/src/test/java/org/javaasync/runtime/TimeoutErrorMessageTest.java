package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/**
 * What a {@link TimeoutError} says: how long the deadline allowed, what set it, and where it was set, so that the
 * message reads well alone and a tool can add the place in its own terms. Not CPython's tests: asyncio's
 * {@code TimeoutError} carries no message.
 */
class TimeoutErrorMessageTest {

    /** The line number of the caller. */
    private static int line() {
        return StackWalker.getInstance()
                .walk(s -> s.skip(1).findFirst())
                .orElseThrow()
                .getLineNumber();
    }

    private static Coroutine<Void> forever() {
        return async(() -> await(sleep(3600)));
    }

    @BothSchedulers
    void waitForSaysHowLongItWaitedAndWhereItWasAwaited(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            int awaitedAt = line() + 1;
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(waitFor(forever(), 0.3)));
            assertEquals("timed out after 0.3 s (waitFor)", e.getMessage());
            assertEquals(0.3, e.seconds(), 1e-9);
            assertEquals("waitFor", e.operation());
            assertEquals(awaitedAt, e.calledAt().getLineNumber());
            assertEquals(TimeoutErrorMessageTest.class.getName(), e.calledAt().getClassName());
            assertEquals("timed out after 0.3 s (waitFor at cell 5, line 3)", e.describeAt("cell 5, line 3"));
        });
    }

    @BothSchedulers
    void waitForWithNoTimeAtAllSaysZero(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            Task<Void> task = createTask(forever());
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(waitFor(task, 0.0)));
            assertEquals("timed out after 0 s (waitFor)", e.getMessage());
        });
    }

    @BothSchedulers
    void theExactTimeoutFormSaysTimeout(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            int awaitedAt = line() + 1;
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(timeout(0.5, () -> await(sleep(10)))));
            assertEquals("timed out after 0.5 s (timeout)", e.getMessage());
            assertEquals(awaitedAt, e.calledAt().getLineNumber());
        });
    }

    @BothSchedulers
    void theTryWithResourcesFormPointsAtTheLineThatEnteredIt(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            int enteredAt = line() + 2;
            TimeoutError e = assertThrows(TimeoutError.class, () -> {
                try (var t = timeout(0.25)) {
                    await(sleep(1)); // interrupted here, a line below the one that set the deadline
                }
            });
            assertEquals("timed out after 0.25 s (timeout)", e.getMessage());
            assertEquals(enteredAt, e.calledAt().getLineNumber());
        });
    }

    @BothSchedulers
    void timeoutAtSaysHowLongFromEntryToTheDeadline(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            double when = getRunningLoop().time() + 1.5;
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(timeoutAt(when, () -> await(sleep(10)))));
            assertEquals("timed out after 1.5 s (timeoutAt)", e.getMessage());
        });
    }

    @BothSchedulers
    void aRescheduledDeadlineCountsTheDeadlineThatPassed(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            TimeoutError e = assertThrows(
                    TimeoutError.class,
                    () -> await(timeout((Double) null, (Timeout t) -> {
                        await(sleep(0.25));
                        t.reschedule(getRunningLoop().time() + 0.5);
                        await(sleep(10));
                    })));
            assertEquals("timed out after 0.75 s (timeout)", e.getMessage());
        });
    }

    @BothSchedulers
    void asCompletedSaysItsTimeout(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            TimeoutError e = assertThrows(TimeoutError.class, () -> {
                for (Coroutine<Void> next : asCompleted(List.of(forever()), 2.0)) {
                    await(next);
                }
            });
            assertEquals("timed out after 2 s (asCompleted)", e.getMessage());
        });
    }

    @BothSchedulers
    void aTimeoutErrorMadeByUserCodeKeepsItsMessage(EventLoop.Scheduler scheduler) {
        TimeoutError e = new TimeoutError("my own deadline", null);
        assertEquals("my own deadline", e.describeAt("cell 1, line 1"));
        assertNull(e.seconds());
        assertNull(e.operation());
        assertNull(e.calledAt());
    }

    @BothSchedulers
    void secondsAreWrittenAsPeopleWriteThem(EventLoop.Scheduler scheduler) {
        assertEquals("0.3", TimeoutError.format(0.30000000000000004));
        assertEquals("2", TimeoutError.format(2.0));
        assertEquals("29.821", TimeoutError.format(29.8212));
        assertEquals("0", TimeoutError.format(-0.1));
        assertEquals("0.001", TimeoutError.format(0.0005));
    }
}
