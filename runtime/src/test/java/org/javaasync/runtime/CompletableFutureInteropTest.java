package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

class CompletableFutureInteropTest {

    @BothSchedulers
    void awaitingACompletionStageCompletedByAnotherThreadReturnsItsValue(EventLoop.Scheduler scheduler) {
        String value = TestLoops.run(scheduler, () -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> cf.complete("from elsewhere"));
            return await(cf);
        });
        assertEquals("from elsewhere", value);
    }

    @BothSchedulers
    void aFailedStageRethrowsTheUnwrappedCause(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("async failure");
            });
            var e = assertThrows(IllegalStateException.class, () -> await(cf));
            assertEquals("async failure", e.getMessage());
        });
    }

    @BothSchedulers
    void cancellingTheAwaitingTaskCancelsTheCompletableFuture(EventLoop.Scheduler scheduler) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        TestLoops.run(scheduler, () -> {
            Task<String> waiter = createTask(() -> await(cf));
            await(sleep(0));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
        });
        assertTrue(cf.isCancelled());
    }

    @BothSchedulers
    void asyncFutureFromAStageFollowsIt(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<Integer> f = AsyncFuture.from(CompletableFuture.completedFuture(7));
            assertEquals(7, await(f));
            AsyncFuture<Integer> cancelled =
                    AsyncFuture.from(CompletableFuture.<Integer>failedFuture(new CancellationException()));
            assertThrows(CancelledError.class, () -> await(cancelled));
        });
    }

    @BothSchedulers
    void toCompletableFutureLetsAnotherThreadWaitForATask(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = EventLoop.builder().scheduler(scheduler).build();
        CompletableFuture<CompletableFuture<String>> handOver = new CompletableFuture<>();
        Thread loopThread = Thread.ofPlatform()
                .start(() -> loop.runUntilComplete(async(() -> {
                    Task<String> task = createTask(sleep(0.01, "done on the loop"));
                    handOver.complete(task.toCompletableFuture());
                    return await(task);
                })));
        assertEquals("done on the loop", handOver.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
        loopThread.join();
        loop.close();
    }

    @BothSchedulers
    void toCompletableFutureCarriesFailureAndCancellation(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> failing = new AsyncFuture<>();
            CompletableFuture<String> failed = failing.toCompletableFuture();
            failing.setException(new IllegalStateException("x"));
            AsyncFuture<String> cancelling = new AsyncFuture<>();
            CompletableFuture<String> cancelled = cancelling.toCompletableFuture();
            cancelling.cancel();
            await(sleep(0));
            var e = assertThrows(ExecutionException.class, failed::get);
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(cancelled.isCancelled());
            AsyncFuture<String> pending = new AsyncFuture<>();
            pending.toCompletableFuture().cancel(false);
            await(sleep(0));
            assertTrue(pending.isCancelled(), "cancelling the follower cancels the future");
        });
    }

    @BothSchedulers
    void runCoroutineThreadsafeRunsWorkOnALoopThatRunsOnAnotherThread(EventLoop.Scheduler scheduler) throws Exception {
        EventLoop loop = EventLoop.builder().scheduler(scheduler).build();
        Thread loopThread = Thread.ofPlatform().start(loop::runForever);
        try {
            CompletableFuture<String> answer = runCoroutineThreadsafe(
                    async(() -> {
                        await(sleep(0.001));
                        return "ran on " + (getRunningLoop() == loop ? "that loop" : "another loop");
                    }),
                    loop);
            assertEquals("ran on that loop", answer.get(10, TimeUnit.SECONDS));
            CompletableFuture<String> failing = runCoroutineThreadsafe(
                    async(() -> {
                        throw new IllegalStateException("cell failed");
                    }),
                    loop);
            var e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertEquals("cell failed", e.getCause().getMessage());
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
            CompletableFuture<String> endless = runCoroutineThreadsafe(
                    async(() -> {
                        started.complete(true);
                        try {
                            return await(sleep(3600, "never"));
                        } catch (CancelledError c) {
                            cancelled.complete(true);
                            throw c;
                        }
                    }),
                    loop);
            started.get(10, TimeUnit.SECONDS);
            endless.cancel(false);
            assertTrue(cancelled.get(10, TimeUnit.SECONDS), "cancelling the future cancelled the task");
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join();
            loop.close();
        }
    }
}
