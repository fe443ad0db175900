package org.javaasync.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * The portable scheduler, for JVMs where the loop cannot be a virtual thread scheduler: each task runs on its own
 * ordinary virtual thread (the JDK's default scheduler), and a strict hand-off makes the loop thread and the task
 * thread take turns. The loop hands the turn to the task and waits until the task gives it back by suspending or
 * finishing, so exactly one of them runs at any time and tasks resume in the loop's FIFO order: the same semantics
 * as {@link LoopCarriedTaskThread}, at the price of two thread switches per step.
 *
 * <p>Known difference: a JDK blocking call inside a task cannot be told apart from computation here, so it blocks
 * the loop (as {@code time.sleep} does in Python) and cancelling the task cannot interrupt it.
 */
final class HandoffTaskThread extends TaskThread implements Runnable {
    private Thread thread; // created at the first step, as in LoopCarriedTaskThread
    private volatile boolean taskTurn;
    private volatile Thread loopThread;
    private volatile boolean bodyDone;
    private boolean started;

    HandoffTaskThread(Task<?> task) {
        super(task);
    }

    private void body() {
        try {
            runBody();
        } finally {
            bodyDone = true;
            giveTurnBack();
        }
    }

    @Override
    Thread thread() {
        return thread;
    }

    /** The ready-queue entry: the first step, then the wake-ups from await. */
    @Override
    public void run() {
        if (!started) {
            step();
        } else {
            resume();
        }
    }

    private void step() {
        EventLoop loop = loop();
        if (thread == null) {
            Thread.Builder builder = Thread.ofVirtual();
            if (loop.isDebug()) {
                builder.name(task.getName());
            }
            thread = builder.unstarted(this::body);
        }
        loop.mount(task, thread);
        try {
            loopThread = Thread.currentThread();
            taskTurn = true;
            if (!started) {
                started = true;
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            boolean interrupted = false;
            while (taskTurn) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (bodyDone) {
                // The last turn: wait for the thread to end, so that when the loop goes on, nothing of the task is
                // still held by a thread on its way out (a finished task is garbage as soon as nobody holds it, and
                // a collection at that moment reports what it left unretrieved).
                interrupted |= joinUninterruptibly(thread);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            loop.unmount();
        }
    }

    /** Joins {@code thread}; true if the waiting thread was interrupted meanwhile (its flag is then cleared). */
    private static boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    @Override
    void resume() {
        if (!suspended) {
            return;
        }
        suspended = false;
        step();
    }

    @Override
    void suspend() {
        suspended = true;
        giveTurnBack();
        boolean interrupted = false;
        while (!taskTurn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void giveTurnBack() {
        taskTurn = false;
        LockSupport.unpark(loopThread);
    }

    @Override
    void interruptIfBlockedOutside() {
        // Never blocked outside from the loop's point of view: the loop waits for the turn to come back.
    }
}
