package org.javaasync.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The fast scheduler: the task's body runs on a virtual thread whose scheduler is the loop itself. Each time the
 * JDK wants to run the virtual thread (first start, after {@code LockSupport.park} returns, after a JDK blocking
 * call completes) it hands its continuation to {@link #execute}; this class turns that into a ready-queue entry
 * that runs the continuation on the loop's thread. A switch is a continuation yield plus a queue entry: no
 * allocation, no OS thread switch.
 *
 * <p>Waking a task from a done-callback runs its continuation inline, at the position of the callback in the ready
 * queue, which is exactly where asyncio's {@code Task.__wakeup} runs {@code __step}; queueing it again would reorder
 * the task behind callbacks scheduled in between.
 *
 * <p>A task that yields the carrier for any other reason is blocked in a JDK call ("outside"): it is counted as
 * outside work for the {@link VirtualClock} rule until the JDK hands its continuation back, from whatever thread.
 */
final class LoopCarriedTaskThread extends TaskThread implements Executor, Runnable {
    // Created when the first step runs, not with the task: 100k tasks created at once then hold a few hundred bytes
    // each instead of a virtual thread each until they run.
    private Thread thread;
    private Runnable continuation;
    private boolean runInline;
    // Set by execute() on any thread, read by the loop after the hand-in queue (which orders the two).
    private volatile boolean queued;
    private boolean outside;
    private boolean finished;
    private boolean started;
    // cancel() interrupted a JDK call; if the interrupt is still pending at the next await, it was the cancellation
    // (delivered there as CancelledError) and must not linger to break a later, unrelated JDK call.
    private boolean interruptedByCancel;

    LoopCarriedTaskThread(Task<?> task, EventLoop loop) {
        super(task, loop);
    }

    private void body() {
        try {
            runBody();
        } finally {
            finished = true;
        }
    }

    @Override
    Thread thread() {
        return thread;
    }

    /** Called by the JDK with the virtual thread's continuation (always the same object). */
    @Override
    public void execute(Runnable runContinuation) {
        continuation = runContinuation;
        if (loop.inEventLoop()) {
            if (runInline) {
                return;
            }
            queued = true;
            loop.readyAdd(this);
        } else {
            queued = true;
            loop.readyAddFromOutside(this);
        }
    }

    /** The ready-queue entry: runs a continuation the JDK handed over, or else is a wake-up from await. */
    @Override
    public void run() {
        if (!started) {
            started = true;
            thread = LoopVirtualThreads.newThread(this, loop.isDebug() ? task.getName() : null, this::body);
            runInline = true;
            try {
                thread.start(); // hands the continuation to execute(), which keeps it for the step below
            } finally {
                runInline = false;
            }
            step();
            return;
        }
        if (!queued) {
            resume();
            return;
        }
        queued = false;
        if (outside) {
            outside = false;
            loop.outsideWorkFinished();
        }
        step();
    }

    private void step() {
        loop.mount(task, thread);
        try {
            continuation.run();
        } finally {
            loop.unmount();
        }
        if (!suspended && !queued && !finished) {
            // Parked in something other than await: a JDK blocking call. The JDK resubmits it when the call returns.
            outside = true;
            loop.outsideWorkStarted();
        }
    }

    @Override
    void resume() {
        if (!suspended) {
            return;
        }
        suspended = false;
        runInline = true;
        try {
            LockSupport.unpark(thread);
        } finally {
            runInline = false;
        }
        step();
    }

    @Override
    void suspend() {
        suspended = true;
        boolean interrupted = false;
        do {
            LockSupport.park(this);
            // A pending interrupt would make park return at once; keep it for the code after the await.
            if (Thread.interrupted()) {
                interrupted = true;
            }
        } while (suspended);
        if (interrupted && !interruptedByCancel) {
            Thread.currentThread().interrupt();
        }
        interruptedByCancel = false;
    }

    @Override
    void interruptIfBlockedOutside() {
        if (outside) {
            interruptedByCancel = true;
            thread.interrupt(); // outside implies started
        }
    }
}
