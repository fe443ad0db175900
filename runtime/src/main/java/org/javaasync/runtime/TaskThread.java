package org.javaasync.runtime;

/**
 * Runs one task's body and switches between it and the loop: the piece that differs between the two schedulers.
 *
 * <p>Contract shared by both implementations: {@link #start()} schedules the first step like {@code callSoon};
 * {@link #suspend()}, called by the task's own code, gives the loop back and returns when the loop runs this object
 * as a ready-queue entry (the wake-up: the object itself, so that awaiting allocates nothing); the loop runs at most
 * one task at a time, and between {@code start}/{@code wakeup} and the next
 * suspension the task owns the loop (it is "mounted": {@link EventLoop#inEventLoop()} is true on its thread).
 *
 * <p>One of these exists per task, for the task's whole life, so it keeps to the fields it needs (the loop is the
 * task's).
 */
abstract sealed class TaskThread implements Runnable permits LoopCarriedTaskThread, HandoffTaskThread {
    final Task<?> task;
    /** True from {@link #suspend()} until the wake-up; the wake-up of a task that is not suspended is ignored. */
    boolean suspended;

    TaskThread(Task<?> task) {
        this.task = task;
    }

    final EventLoop loop() {
        return task.loop;
    }

    /**
     * Schedules the first step of the body, as asyncio's Task constructor does with {@code call_soon}: this entry
     * runs at the task's place in the ready queue, even when the task was created before the loop ran.
     */
    final void start() {
        task.loop.readyAdd(this);
    }

    /** Loop thread: runs the task until it next suspends or finishes. */
    abstract void resume();

    /** Task thread: gives the loop back until the wake-up runs. */
    abstract void suspend();

    /** Loop thread: if the task is blocked in a JDK call rather than in {@code await}, interrupt that call. */
    abstract void interruptIfBlockedOutside();

    /** The thread that runs the body, for stack traces in debug reports. */
    abstract Thread thread();

    /** The body wrapper every implementation runs on the task's thread. */
    final void runBody() {
        task.runBody();
    }
}
