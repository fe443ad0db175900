package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The loops running now (usually one), to find the running loop and the current task from any thread. Scanning them
 * costs a volatile read and two comparisons per loop and nothing per task; a {@code ScopedValue} binding would cost a
 * cache array, a carrier and a snapshot per task thread plus stack frames. Correct because a loop's mounted thread is
 * written by the loop's own thread right before it runs (or hands the turn to) that task: a thread can only see
 * itself there when it really is the mounted task.
 */
final class RunningLoops {
    private static final Object LOCK = new Object();
    private static volatile EventLoop[] loops = new EventLoop[0];
    // Whether a running loop may watch the coroutines created now (debug mode, or its collection reports watch them):
    // one static read lets coroutine creation skip all of that work.
    private static volatile boolean anyWatchesCoroutines = EventLoop.DEBUG_BY_PROPERTY;

    private RunningLoops() {}

    static EventLoop loopOf(Thread current) {
        for (EventLoop loop : loops) {
            if (loop.runsOn(current)) {
                return loop;
            }
        }
        return null;
    }

    static Task<?> taskOf(Thread current) {
        for (EventLoop loop : loops) {
            Task<?> task = loop.taskRunningOn(current);
            if (task != null) {
                return task;
            }
        }
        return null;
    }

    static boolean anyWatchesCoroutines() {
        return anyWatchesCoroutines;
    }

    static void add(EventLoop loop) {
        synchronized (LOCK) {
            List<EventLoop> running = new ArrayList<>(List.of(loops));
            running.add(loop);
            loops = running.toArray(EventLoop[]::new);
            refreshWatches();
        }
    }

    static void remove(EventLoop loop) {
        synchronized (LOCK) {
            List<EventLoop> running = new ArrayList<>(List.of(loops));
            running.remove(loop);
            loops = running.toArray(EventLoop[]::new);
            refreshWatches();
        }
    }

    /** Called when a loop's debug mode, or whether it watches unawaited coroutines, changes. */
    static void watchesChanged() {
        synchronized (LOCK) {
            refreshWatches();
        }
    }

    private static void refreshWatches() {
        boolean watches = EventLoop.DEBUG_BY_PROPERTY;
        for (EventLoop loop : loops) {
            watches |= loop.isDebug() || loop.collectionReports().watchesUnawaitedCoroutines();
        }
        anyWatchesCoroutines = watches;
    }
}
