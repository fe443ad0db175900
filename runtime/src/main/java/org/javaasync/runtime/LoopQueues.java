package org.javaasync.runtime;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop's three queues: the FIFO ready queue and the timer heap, both touched only by the loop thread (or the
 * task mounted on it), and the one thread-safe queue through which other threads hand work in. The loop waits for
 * work by parking its thread; a hand-in unparks it only when it is (about to be) parked, so a busy loop pays
 * nothing for wake-ups and an idle loop never polls.
 */
final class LoopQueues {
    final ArrayDeque<Runnable> ready = new ArrayDeque<>(1024);
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Runnable> incoming = new ConcurrentLinkedQueue<>();
    private volatile boolean sleeping;
    private long timerSequence;

    TimerHandle addTimer(double when, Runnable callback, Object context) {
        TimerHandle handle = new TimerHandle(when, timerSequence++, callback, context);
        timers.add(handle);
        return handle;
    }

    /**
     * Appends a callback scheduled with {@code callSoon} (or {@code callSoonThreadsafe} on the loop) behind the ones
     * handed in from other threads first: asyncio has one FIFO for both, so a hand-in that happened before this call
     * (before the loop runs, or with an order the threads agreed on) runs first.
     */
    void addReadyInOrder(Runnable entry) {
        if (!incoming.isEmpty()) {
            drainIncoming();
        }
        ready.add(entry);
    }

    /** Any thread. {@code loopThread} is unparked if the loop is waiting. */
    void addFromOutside(Runnable entry, Thread loopThread) {
        incoming.add(entry);
        // Dekker-style with waitForWork: either the loop sees the entry before parking, or we see it sleeping.
        if (sleeping && loopThread != null) {
            LockSupport.unpark(loopThread);
        }
    }

    /** Unparks the loop thread whether or not it sleeps now (it may be about to). */
    void wake(Thread loopThread) {
        if (loopThread != null) {
            LockSupport.unpark(loopThread);
        }
    }

    void drainIncoming() {
        Runnable entry;
        while ((entry = incoming.poll()) != null) {
            ready.add(entry);
        }
    }

    /** The earliest timer that is not cancelled; cancelled ones at the head are dropped (as asyncio does). */
    TimerHandle nextLiveTimer() {
        TimerHandle head;
        while ((head = timers.peek()) != null && head.isCancelled()) {
            timers.poll();
        }
        return head;
    }

    /** Moves timers due at {@code now} to the ready queue, earliest first. */
    void collectDueTimers(double now) {
        TimerHandle head;
        while ((head = timers.peek()) != null && head.when() <= now) {
            timers.poll();
            if (!head.isCancelled()) {
                ready.add(head);
            }
        }
    }

    /** Parks the loop thread until work is handed in or {@code nanos} pass ({@code nanos < 0}: no limit). */
    void waitForWork(long nanos, Object blocker) {
        sleeping = true;
        try {
            if (incoming.isEmpty()) {
                if (nanos < 0) {
                    LockSupport.park(blocker);
                } else {
                    LockSupport.parkNanos(blocker, nanos);
                }
                // An interrupt of the loop thread would make park return at once forever; it means nothing here.
                Thread.interrupted();
            }
        } finally {
            sleeping = false;
        }
    }

    void clear() {
        ready.clear();
        timers.clear();
        incoming.clear();
    }
}
