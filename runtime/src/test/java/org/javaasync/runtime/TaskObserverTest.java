package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

class TaskObserverTest {

    /** Records events as "event name@time" (and the parent for creations). */
    private static final class Recorder implements TaskObserver {
        final List<String> events = new ArrayList<>();
        EventLoop loop;

        @Override
        public void taskCreated(Task<?> task, Task<?> parent) {
            events.add("created " + task.getName() + " by " + (parent == null ? "-" : parent.getName()));
        }

        @Override
        public void taskResumed(Task<?> task) {
            events.add("resumed " + task.getName() + "@" + loop.time());
        }

        @Override
        public void taskSuspended(Task<?> task) {
            events.add("suspended " + task.getName() + "@" + loop.time());
        }

        @Override
        public void taskDone(Task<?> task) {
            events.add("done " + task.getName() + "@" + loop.time());
        }
    }

    @BothSchedulers
    void everyStepOfEveryTaskIsSeenWithItsParentAndTime(EventLoop.Scheduler scheduler) {
        Recorder recorder = new Recorder();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        recorder.loop = loop;
        loop.setTaskObserver(recorder);
        Task<Void> main = loop.createTask(
                async(() -> {
                    var child = createTask(async(() -> await(sleep(1))), "child");
                    await(child);
                }),
                "main");
        loop.runUntilComplete(main);
        loop.close();
        assertEquals(
                List.of(
                        "created main by -",
                        "resumed main@0.0",
                        "created child by main",
                        "suspended main@0.0",
                        "resumed child@0.0",
                        "suspended child@0.0",
                        "resumed child@1.0",
                        "done child@1.0",
                        "suspended child@1.0",
                        "resumed main@1.0",
                        "done main@1.0",
                        "suspended main@1.0"),
                recorder.events);
    }

    @BothSchedulers
    void removingTheObserverStopsTheEvents(EventLoop.Scheduler scheduler) {
        Recorder recorder = new Recorder();
        EventLoop loop = TestLoops.virtualTime(scheduler);
        recorder.loop = loop;
        loop.setTaskObserver(recorder);
        loop.setTaskObserver(null);
        Asyncio.run(async("main", () -> await(sleep(1))), loop);
        assertEquals(List.of(), recorder.events);
    }

    @BothSchedulers
    void currentTaskIsNullOutsideATaskAndTheTaskInside(EventLoop.Scheduler scheduler) {
        assertEquals(null, Task.current());
        Task<?>[] seen = new Task<?>[1];
        TestLoops.run(scheduler, () -> {
            seen[0] = Task.current();
            return null;
        });
        assertEquals(true, seen[0] != null && seen[0].isDone());
    }
}
