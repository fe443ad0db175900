package org.javaasync.runtime.sync;

/** Something a {@link Permit} gives back when closed: a lock, a semaphore or a condition's lock. */
interface Releasable {
    /** Releases one acquisition. */
    void release();
}
