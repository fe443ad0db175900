package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

class ThreadsAndExecutorsTest {

    @BothSchedulers
    void toThreadRunsOnAPlatformThreadAndTheVirtualClockWaitsForIt(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            CountDownLatch release = new CountDownLatch(1);
            // A timer that would fire "during" the job if virtual time skipped over the job.
            Task<Void> ticker = createTask(() -> {
                await(sleep(60));
                log.add("ticker@" + loop.time());
            });
            Task<String> job = createTask(toThread(() -> {
                release.await(10, TimeUnit.SECONDS);
                Thread t = Thread.currentThread();
                return (t.isVirtual() ? "virtual " : "platform ") + (loop.inEventLoop() ? "loop" : "pool");
            }));
            await(sleep(0));
            await(sleep(0));
            loop.callSoon(release::countDown);
            log.add("job: " + await(job) + "@" + loop.time());
            await(ticker);
        });
        assertEquals(List.of("job: platform pool@0.0", "ticker@60.0"), log);
    }

    @BothSchedulers
    void aFailingJobRethrowsItsExceptionAtTheAwait(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var e = assertThrows(
                    IOException.class,
                    () -> await(toThread(() -> {
                        throw new IOException("disk full");
                    })));
            assertEquals("disk full", e.getMessage());
        });
    }

    @BothSchedulers
    void runInExecutorUsesTheGivenExecutor(EventLoop.Scheduler scheduler) {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-pool"));
        try {
            String name = TestLoops.run(
                    scheduler,
                    () -> await(getRunningLoop()
                            .runInExecutor(pool, () -> Thread.currentThread().getName())));
            assertEquals("my-pool", name);
        } finally {
            pool.shutdown();
        }
    }

    @BothSchedulers
    void otherTasksRunWhileAJobRuns(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            CountDownLatch tasksRan = new CountDownLatch(1);
            Task<Void> other = createTask(() -> {
                log.add("other task ran");
                tasksRan.countDown();
            });
            String result = await(toThread(() -> {
                assertTrue(tasksRan.await(10, TimeUnit.SECONDS), "the loop kept running tasks");
                return "job done";
            }));
            log.add(result);
            await(other);
        });
        assertEquals(List.of("other task ran", "job done"), log);
    }

    @BothSchedulers
    void callSoonThreadsafeFromManyThreadsRunsEveryCallbackOnTheLoop(EventLoop.Scheduler scheduler) {
        int threads = 4;
        int each = 250;
        int total = TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<Integer> allDone = new AsyncFuture<>();
            int[] count = {0};
            boolean[] offLoop = {false};
            for (int t = 0; t < threads; t++) {
                Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) {
                        loop.callSoonThreadsafe(() -> {
                            offLoop[0] |= !loop.inEventLoop();
                            if (++count[0] == threads * each) {
                                allDone.setResult(count[0]);
                            }
                        });
                    }
                });
            }
            int n = await(allDone);
            assertFalse(offLoop[0]);
            return n;
        });
        assertEquals(threads * each, total);
    }
}
