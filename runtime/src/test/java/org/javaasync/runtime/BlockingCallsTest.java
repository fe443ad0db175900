package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * JDK blocking calls inside tasks. Only the virtual-thread scheduler can park a task in a JDK call; the portable
 * scheduler blocks the loop instead (documented), so these tests name their scheduler.
 */
class BlockingCallsTest {
    private static final EventLoop.Scheduler LOOP_VIRTUAL_THREADS = EventLoop.Scheduler.VIRTUAL_THREADS;

    @Test
    void aJdkBlockingCallParksOnlyThatTask() {
        List<String> log = new ArrayList<>();
        TestLoops.run(LOOP_VIRTUAL_THREADS, () -> {
            BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
            Task<Void> taker = createTask(() -> {
                log.add("taker blocks in BlockingQueue.take()");
                log.add("taker got " + queue.take());
            });
            Task<Void> putter = createTask(() -> {
                log.add("putter runs meanwhile");
                queue.put("x");
                log.add("putter put x");
            });
            await(gather(taker, putter));
        });
        assertEquals(
                List.of("taker blocks in BlockingQueue.take()", "putter runs meanwhile", "putter put x", "taker got x"),
                log);
    }

    @Test
    void aTaskConnectsReadsAndWritesASocketWhileOtherTasksRun() throws Exception {
        List<String> log = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TestLoops.run(LOOP_VIRTUAL_THREADS, () -> {
                Task<String> client = createTask(() -> {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                        log.add("client connected");
                        socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
                        return new BufferedReader(
                                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                                .readLine();
                    }
                });
                Task<Void> serverSide = createTask(() -> {
                    try (Socket accepted = server.accept()) {
                        String line = new BufferedReader(
                                        new InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8))
                                .readLine();
                        log.add("server got " + line);
                        accepted.getOutputStream().write("pong\n".getBytes(StandardCharsets.UTF_8));
                    }
                });
                await(serverSide);
                log.add("client got " + await(client));
            });
        }
        assertEquals(List.of("client connected", "server got ping", "client got pong"), log);
    }

    @Test
    void virtualTimeDoesNotJumpWhileATaskIsBlockedInARealCall() {
        List<String> log = new ArrayList<>();
        TestLoops.run(LOOP_VIRTUAL_THREADS, () -> {
            EventLoop loop = getRunningLoop();
            Task<Void> blocker = createTask(() -> {
                Thread.sleep(50);
                log.add("real sleep over@" + loop.time());
            });
            Task<Void> timer = createTask(() -> {
                await(sleep(1000));
                log.add("virtual timer@" + loop.time());
            });
            await(gather(blocker, timer));
        });
        assertEquals(List.of("real sleep over@0.0", "virtual timer@1000.0"), log);
    }

    @Test
    void cancelInterruptsAJdkBlockingCallAndTheTaskEndsCancelled() {
        List<String> log = new ArrayList<>();
        TestLoops.run(LOOP_VIRTUAL_THREADS, () -> {
            Task<Void> sleeper = createTask(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    log.add("interrupted");
                    throw e;
                }
            });
            await(sleep(0));
            sleeper.cancel("stop sleeping");
            var e = assertThrows(CancelledError.class, () -> await(sleeper));
            assertEquals("stop sleeping", e.getMessage());
            assertTrue(sleeper.isCancelled());
        });
        assertEquals(List.of("interrupted"), log);
    }

    @Test
    void aSwallowedInterruptLeavesTheCancellationForTheNextAwait() {
        List<String> log = new ArrayList<>();
        TestLoops.run(LOOP_VIRTUAL_THREADS, () -> {
            Task<Void> sleeper = createTask(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    log.add("interrupt swallowed");
                }
                try {
                    await(sleep(1));
                } catch (CancelledError e) {
                    log.add("CancelledError at the next await");
                    throw e;
                }
            });
            await(sleep(0));
            sleeper.cancel();
            assertThrows(CancelledError.class, () -> await(sleeper));
        });
        assertEquals(List.of("interrupt swallowed", "CancelledError at the next await"), log);
    }

    @Test
    void theInterruptOfACancellationDoesNotLingerAfterItWasDelivered() {
        List<String> log = new ArrayList<>();
        TestLoops.run(LOOP_VIRTUAL_THREADS, () -> {
            Task<Void> task = createTask(() -> {
                try {
                    // A call that ignores interrupts but returns: the interrupt flag stays set.
                    long end = System.nanoTime() + 50_000_000L;
                    while (System.nanoTime() < end) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    }
                    await(sleep(1));
                } catch (CancelledError e) {
                    log.add("CancelledError at the await");
                }
                log.add("interrupt flag after: " + Thread.currentThread().isInterrupted());
                Thread.sleep(1); // would throw InterruptedException if the interrupt lingered
                log.add("later JDK call works");
            });
            await(sleep(0));
            task.cancel();
            await(task);
        });
        assertEquals(
                List.of("CancelledError at the await", "interrupt flag after: false", "later JDK call works"), log);
    }

    @Test
    void onThePortableSchedulerAJdkBlockingCallBlocksTheLoop() {
        List<String> log = new ArrayList<>();
        TestLoops.run(EventLoop.Scheduler.PORTABLE, () -> {
            Task<Void> blocker = createTask(() -> {
                log.add("blocker starts");
                Thread.sleep(20);
                log.add("blocker ends");
            });
            Task<Void> other = createTask(() -> {
                log.add("other runs");
            });
            await(gather(blocker, other));
        });
        assertEquals(List.of("blocker starts", "blocker ends", "other runs"), log);
    }
}
