package org.javaasync.kernel.jshell;

import java.util.concurrent.locks.ReentrantLock;
import org.javaasync.runtime.Task;

/**
 * The one lock that guards JShell, which is not thread-safe. A cell's task takes it without ever parking: on the
 * kernel's event loop a parked task gives the loop to the next ready task, and a cell must not give the loop away
 * between its own statements, where the user wrote no await (a task the cell just started would run in the middle of
 * the cell, and if it never awaits, the cell would never finish). The other holders (completion, inspection, the
 * warm-up) are kernel threads that hold the lock for a compile at most, so a cell spins briefly instead. Everyone
 * else waits as usual.
 */
final class JShellLock extends ReentrantLock {

    private static final long serialVersionUID = 1L;

    /** Takes the lock; a task on the event loop spins for it rather than park. */
    void lockHoldingTheLoop() {
        if (Task.current() == null) {
            lock();
            return;
        }
        while (!tryLock()) {
            Thread.onSpinWait();
        }
    }
}
