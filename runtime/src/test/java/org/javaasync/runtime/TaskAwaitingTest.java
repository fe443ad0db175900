package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

/** {@link Task#awaiting()}: what a suspended task waits for, as a kernel's task list shows it. */
class TaskAwaitingTest {

    @BothSchedulers
    void aSleepingTaskSaysItAwaitsTheSleep(EventLoop.Scheduler scheduler) {
        List<String> seen = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Task<Void> sleeper = createTask(sleep(2.0), "sleeper");
            seen.add(String.valueOf(sleeper.awaiting())); // not started yet
            await(sleep(0.5));
            seen.add(sleeper.awaiting());
            await(sleeper);
            seen.add(String.valueOf(sleeper.awaiting())); // done
        });
        assertEquals(List.of("null", "sleep(2.0)", "null"), seen);
    }

    @BothSchedulers
    void aTaskAwaitingAnotherTaskOrAGatherNamesIt(EventLoop.Scheduler scheduler) {
        List<String> seen = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            Task<Void> child = createTask(sleep(5), "child");
            Task<Void> parent = createTask(
                    async(() -> {
                        await(child);
                    }),
                    "parent");
            Task<List<Object>> gathering = createTask(async(() -> await(gather(sleep(1), sleep(2)))), "gathering");
            await(sleep(0.1));
            seen.add(parent.awaiting());
            seen.add(gathering.awaiting());
            child.cancel();
            parent.cancel();
            gathering.cancel();
        });
        assertEquals(List.of("Task 'child'", "gather of 2"), seen);
    }

    @BothSchedulers
    void aCoroutineAwaitedInlineShowsWhatItIsSuspendedOn(EventLoop.Scheduler scheduler) {
        List<String> seen = new ArrayList<>();
        TestLoops.run(scheduler, () -> {
            var fetch = async("fetch", () -> await(sleep(3, "page")));
            Task<String> task = createTask(async(() -> await(fetch)), "outer");
            await(sleep(1));
            seen.add(task.awaiting());
            seen.add(await(task));
        });
        assertEquals(List.of("sleep(3.0)", "page"), seen);
    }

    @BothSchedulers
    void theRunningTaskIsNotSuspendedOnAnything(EventLoop.Scheduler scheduler) {
        String[] seen = {"unset"};
        TestLoops.run(scheduler, () -> {
            seen[0] = Task.current().awaiting();
        });
        assertNull(seen[0]);
    }

    @BothSchedulers
    void isFailedTellsAFailedTaskFromADoneOrCancelledOne(EventLoop.Scheduler scheduler) {
        List<Boolean> seen = new ArrayList<>();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        Task<Void> failing = loop.createTask(
                async(() -> {
                    throw new IllegalStateException("boom");
                }),
                "failing");
        Task<Void> fine = loop.createTask(sleep(0), "fine");
        Task<Void> cancelled = loop.createTask(sleep(1), "cancelled");
        seen.add(failing.isFailed());
        cancelled.cancel();
        loop.runUntilComplete(loop.createTask(sleep(2)));
        seen.add(failing.isFailed());
        seen.add(fine.isFailed());
        seen.add(cancelled.isFailed());
        loop.close();
        assertEquals(List.of(false, true, false, false), seen);
    }
}
