package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Taking the stack of a task suspended in {@code await} (debug reports and tools do) must not wake it: the JDK may
 * hand a suspended virtual thread back to its scheduler after reading its stack, and only the awaited future's
 * completion may resume the task.
 */
class SuspendedTaskStackTest {

    @BothSchedulers
    void readingTheStackOnTheLoopLeavesTheTaskSuspended(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> gate = getRunningLoop().createFuture();
            Task<Void> waiter = createTask(() -> {
                log.add("waiter got " + await(gate));
            });
            await(sleep(0));
            StackTraceElement[] stack = waiter.stack();
            await(sleep(0));
            await(sleep(0));
            log.add("still waiting: " + waiter.awaiting());
            assertTrue(mentions(stack, "awaitFuture"), Arrays.toString(stack));
            gate.setResult("open");
            await(waiter);
        });
        assertEquals(List.of("still waiting: AsyncFuture", "waiter got open"), log);
    }

    @BothSchedulers
    void readingTheStackFromAnotherThreadLeavesTheTaskSuspended(EventLoop.Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            AsyncFuture<String> gate = getRunningLoop().createFuture();
            Task<Void> waiter = createTask(() -> {
                log.add("waiter got " + await(gate));
            });
            await(sleep(0));
            StackTraceElement[] stack = await(toThread(waiter::stack));
            await(sleep(0));
            await(sleep(0));
            log.add("still waiting: " + waiter.awaiting());
            assertTrue(mentions(stack, "awaitFuture"), Arrays.toString(stack));
            gate.setResult("open");
            await(waiter);
        });
        assertEquals(List.of("still waiting: AsyncFuture", "waiter got open"), log);
    }

    private static boolean mentions(StackTraceElement[] stack, String method) {
        return Arrays.stream(stack).anyMatch(e -> e.getMethodName().equals(method));
    }
}
