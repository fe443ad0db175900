package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MisuseTest {

    @Test
    void awaitWithoutARunningLoopSaysToUseAsyncioRun() {
        var e = assertThrows(IllegalStateException.class, () -> await(sleep(1)));
        assertTrue(e.getMessage().contains("no event loop is running on this thread"), e.getMessage());
        assertTrue(e.getMessage().contains("Asyncio.run(...)"), e.getMessage());
        assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
        assertThrows(IllegalStateException.class, () -> createTask(sleep(1)));
        assertThrows(IllegalStateException.class, AsyncFuture::new);
    }

    @BothSchedulers
    void awaitInAPlainCallbackSaysItNeedsATask(EventLoop.Scheduler scheduler) {
        EventLoop loop = TestLoops.virtualTime(scheduler);
        String[] message = new String[1];
        loop.callSoon(() -> {
            try {
                await(sleep(1));
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        assertTrue(message[0].contains("must be called inside a task"), message[0]);
        loop.close();
    }

    @BothSchedulers
    void asyncioRunInsideARunningLoopIsRefusedNamingAsyncioRun(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            var e = assertThrows(IllegalStateException.class, () -> Asyncio.run(sleep(1)));
            assertTrue(
                    e.getMessage().startsWith("Asyncio.run() cannot be called from a running event loop"),
                    e.getMessage());
            EventLoop other = newEventLoop();
            var withLoop = assertThrows(IllegalStateException.class, () -> Asyncio.run(sleep(1), other));
            assertTrue(withLoop.getMessage().startsWith("Asyncio.run() cannot be called"), withLoop.getMessage());
            other.close();
            var body = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {}));
            assertTrue(body.getMessage().startsWith("Asyncio.run() cannot be called"), body.getMessage());
            assertThrows(IllegalStateException.class, () -> getRunningLoop().runForever());
            assertThrows(IllegalStateException.class, () -> getRunningLoop().close());
        });
    }

    @BothSchedulers
    void aLoopConfinedCallFromAnotherThreadNamesCallSoonThreadsafe(EventLoop.Scheduler scheduler) {
        TestLoops.run(scheduler, () -> {
            EventLoop loop = getRunningLoop();
            AsyncFuture<String> future = new AsyncFuture<>();
            CompletableFuture<String> fromOtherThread = CompletableFuture.supplyAsync(() -> {
                try {
                    loop.callSoon(() -> {});
                    return "no error";
                } catch (IllegalStateException e) {
                    try {
                        future.setResult("x");
                        return "no error for setResult";
                    } catch (IllegalStateException e2) {
                        return e.getMessage() + " | " + e2.getMessage();
                    }
                }
            });
            String messages = fromOtherThread.get(10, TimeUnit.SECONDS);
            assertTrue(messages.contains("callSoon() called from thread"), messages);
            assertTrue(messages.contains("loop.callSoonThreadsafe"), messages);
            assertTrue(messages.contains("setResult() called from thread"), messages);
            future.cancel();
        });
    }

    @Test
    void theVirtualThreadSchedulerRefusesToRunOnAVirtualThread() throws Exception {
        EventLoop loop = EventLoop.builder()
                .scheduler(EventLoop.Scheduler.VIRTUAL_THREADS)
                .build();
        String[] message = new String[1];
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        loop.runForever();
                    } catch (IllegalStateException e) {
                        message[0] = e.getMessage();
                    }
                })
                .join();
        assertTrue(message[0].contains("must run on a platform thread"), message[0]);
        loop.close();
    }

    @Test
    void asyncioRunOnAVirtualThreadFallsBackToThePortableScheduler() throws Exception {
        Object[] result = new Object[1];
        Thread.ofVirtual()
                .start(() -> result[0] = Asyncio.run(async(() -> {
                    await(sleep(0.001));
                    return getRunningLoop().scheduler();
                })))
                .join();
        assertEquals(EventLoop.Scheduler.PORTABLE, result[0]);
    }
}
