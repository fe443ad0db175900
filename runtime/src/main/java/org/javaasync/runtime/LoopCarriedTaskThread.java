package org.javaasync.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The fast scheduler: the task's body runs on a virtual thread whose scheduler is the loop itself. Each time the
 * JDK wants to run the virtual thread (first start, after a yield, after {@code LockSupport.park} returns, after a
 * JDK blocking call completes) it hands its continuation to {@link #execute}; this class decides whether that
 * becomes a ready-queue entry or waits for a wake-up, and runs the continuation on the loop's thread. A switch is a
 * continuation yield plus a queue entry: no allocation, no OS thread switch.
 *
 * <p><b>Await.</b> A task suspends in {@code await} with {@link Thread#yield()}, not with {@code LockSupport.park}:
 * the JDK hands the continuation over as soon as the task has yielded, this class keeps it, and the wake-up runs it
 * directly. That skips the park permit and the unpark of every switch (two atomic operations and a state change);
 * the wake-up is the only way back, so a stray resubmission (the JDK resubmits a yielded thread after taking its
 * stack trace) runs the task only to find it still suspended, and it yields again. If the thread cannot yield
 * (pinned by a native frame), it parks instead, which blocks the loop thread as any pinned park does.
 *
 * <p>Waking a task from a done-callback runs its continuation inline, at the position of the callback in the ready
 * queue, which is exactly where asyncio's {@code Task.__wakeup} runs {@code __step}; queueing it again would reorder
 * the task behind callbacks scheduled in between.
 *
 * <p>A task that gives the carrier back for any other reason is blocked in a JDK call ("outside"): it is counted as
 * outside work for the {@link VirtualClock} rule until the JDK hands its continuation back, from whatever thread.
 *
 * <p>This object is the virtual thread's scheduler, its body (run on the virtual thread) and the task's wake-up
 * entry (run on the loop thread): one object per task instead of three.
 */
final class LoopCarriedTaskThread extends TaskThread implements Executor {
    // What execute() does with a continuation the JDK hands over on the loop thread. Written only on the loop
    // thread (the task's code runs there too).
    /** Queue it: a JDK call returned, or the body called {@code Thread.yield()} itself. */
    private static final byte QUEUE = 0;
    /** Keep it: the loop is starting or unparking the thread and runs the continuation right after. */
    private static final byte KEEP = 1;
    /** Keep it and note that it came: the task is yielding in {@code await}; the wake-up runs it. */
    private static final byte AWAIT = 2;
    /** The continuation came while {@link #AWAIT}: the task is suspended in {@code await}. */
    private static final byte HANDED = 3;

    // Created when the first step runs, not with the task: 100k tasks created at once then hold a few dozen bytes
    // each instead of a virtual thread each until they run.
    private Thread thread;
    private Runnable continuation;
    private byte handOff;
    // Set by execute() on any thread, read by the loop after the hand-in queue (which orders the two).
    private volatile boolean queued;
    private boolean outside;
    private boolean finished;
    // The thread could not yield in await (pinned) and parks instead; the wake-up must unpark it.
    private boolean parkedInAwait;
    // cancel() interrupted a JDK call; if the interrupt is still pending at the next await, it was the cancellation
    // (delivered there as CancelledError) and must not linger to break a later, unrelated JDK call.
    private boolean interruptedByCancel;

    LoopCarriedTaskThread(Task<?> task) {
        super(task);
    }

    @Override
    Thread thread() {
        return thread;
    }

    /** Called by the JDK with the virtual thread's continuation (always the same object). */
    @Override
    public void execute(Runnable runContinuation) {
        continuation = runContinuation;
        EventLoop loop = task.loop;
        if (loop.inEventLoop()) {
            byte mode = handOff;
            if (mode == AWAIT) {
                handOff = HANDED;
                return;
            }
            if (mode != QUEUE) {
                return; // KEEP; or HANDED: a resubmission of a task suspended in await, which its wake-up resumes
            }
            queued = true;
            loop.readyAdd(this);
        } else {
            queued = true;
            loop.readyAddFromOutside(this);
        }
    }

    /**
     * On the virtual thread: the task's body. On the loop thread: the ready-queue entry, which starts the thread,
     * runs a continuation the JDK handed over, or else is a wake-up from await.
     */
    @Override
    public void run() {
        Thread t = thread;
        if (t == null) {
            firstStep();
        } else if (Thread.currentThread() == t) {
            body();
        } else if (!queued) {
            resume();
        } else {
            queued = false;
            if (outside) {
                outside = false;
                task.loop.outsideWorkFinished();
            }
            step();
        }
    }

    private void firstStep() {
        EventLoop loop = task.loop;
        thread = LoopVirtualThreads.newThread(this, loop.isDebug() ? task.getName() : null, this);
        handOff = KEEP;
        try {
            thread.start(); // hands the continuation to execute(), which keeps it for the step below
        } finally {
            handOff = QUEUE;
        }
        step();
    }

    private void body() {
        try {
            runBody();
        } finally {
            finished = true;
        }
    }

    private void step() {
        EventLoop loop = task.loop;
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
        if (parkedInAwait) {
            handOff = KEEP;
            try {
                LockSupport.unpark(thread);
            } finally {
                handOff = QUEUE;
            }
        }
        step();
    }

    @Override
    void suspend() {
        suspended = true;
        do {
            handOff = AWAIT;
            Thread.yield(); // returns when a wake-up (or a stray resubmission) runs the continuation
            if (handOff != HANDED) {
                handOff = QUEUE;
                parkPinned();
                break;
            }
        } while (suspended);
        handOff = QUEUE;
        if (interruptedByCancel) {
            interruptedByCancel = false;
            Thread.interrupted();
        }
    }

    /** The thread could not yield (a native frame pins it): park, which holds the loop thread until unparked. */
    private void parkPinned() {
        parkedInAwait = true;
        boolean interrupted = false;
        do {
            LockSupport.park(this);
            // A pending interrupt would make park return at once; keep it for the code after the await.
            if (Thread.interrupted()) {
                interrupted = true;
            }
        } while (suspended);
        parkedInAwait = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    void interruptIfBlockedOutside() {
        if (outside) {
            interruptedByCancel = true;
            thread.interrupt(); // outside implies started
        }
    }
}
