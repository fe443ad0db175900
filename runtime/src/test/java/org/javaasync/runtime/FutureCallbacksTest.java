package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

class FutureCallbacksTest {

    @BothSchedulers
    void doneCallbacksAreScheduledWithCallSoonInTheOrderTheyWereAddedNeverInline(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            f.addDoneCallback(x -> log.add("cb1 " + x.result()));
            f.addDoneCallback(x -> log.add("cb2 " + x.result()));
            getRunningLoop().callSoon(() -> log.add("callSoon before setResult"));
            f.setResult("r");
            log.add("after setResult");
            f.addDoneCallback(x -> log.add("cb3 added when done"));
            await(sleep(0));
            log.add("task resumed");
        });
        assertEquals(
                List.of(
                        "after setResult",
                        "callSoon before setResult",
                        "cb1 r",
                        "cb2 r",
                        "cb3 added when done",
                        "task resumed"),
                log);
    }

    @BothSchedulers
    void removeDoneCallbackRemovesEveryRegistration(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            Consumer<AsyncFuture<String>> twice = x -> log.add("removed one ran");
            f.addDoneCallback(twice);
            f.addDoneCallback(x -> log.add("kept"));
            f.addDoneCallback(twice);
            assertEquals(2, f.removeDoneCallback(twice));
            f.setResult("r");
            await(sleep(0));
        });
        assertEquals(List.of("kept"), log);
    }

    @BothSchedulers
    void aPendingFutureHasNoResultYet(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            assertFalse(f.isDone());
            assertThrows(InvalidStateError.class, f::result);
            assertThrows(InvalidStateError.class, f::exception);
            f.setResult("x");
            assertThrows(InvalidStateError.class, () -> f.setResult("y"));
            assertThrows(InvalidStateError.class, () -> f.setException(new IOException()));
            assertFalse(f.cancel());
            assertEquals("x", f.result());
            assertNull(f.exception());
        });
    }

    @BothSchedulers
    void awaitingAFailedFutureRethrowsItsExceptionItselfEvenWhenChecked(EventLoop.Scheduler scheduler) {
        IOException failure = new IOException("disk");
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            getRunningLoop().callLater(1, () -> f.setException(failure));
            Exception thrown = null;
            try {
                await(f);
            } catch (Exception e) {
                thrown = e;
            }
            assertSame(failure, thrown);
            assertSame(failure, f.exception());
        });
    }

    @BothSchedulers
    void aCancelledFutureThrowsCancelledErrorWithItsMessage(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            assertTrue(f.cancel("no longer needed"));
            assertTrue(f.isCancelled());
            assertTrue(f.isDone());
            assertFalse(f.cancel());
            var e = assertThrows(CancelledError.class, f::result);
            assertEquals("no longer needed", e.getMessage());
            assertThrows(CancelledError.class, f::exception);
            var awaited = assertThrows(CancelledError.class, () -> await(f));
            assertEquals("no longer needed", awaited.getMessage());
        });
    }

    @BothSchedulers
    void aTaskWakesAtThePositionOfItsDoneCallbackAsInAsyncio(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> f = new AsyncFuture<>();
            var waiter = createTask(() -> {
                log.add("waiter got " + await(f));
            });
            await(sleep(0));
            EventLoop loop = getRunningLoop();
            f.setResult("r");
            loop.callSoon(() -> log.add("callSoon after setResult"));
            await(waiter);
        });
        assertEquals(List.of("waiter got r", "callSoon after setResult"), log);
    }
}
