package org.javaasync.runtime;

/**
 * The source of an {@link EventLoop}'s time, in seconds as a {@code double} (asyncio's {@code loop.time()}).
 *
 * <p>The loop reads the clock on its own thread only. Two implementations exist: {@link MonotonicClock} (real time,
 * the default) and {@link VirtualClock} (time that stands still while work is ready and jumps to the next timer when
 * nothing is, for deterministic tests).
 */
public sealed interface Clock permits MonotonicClock, VirtualClock {

    /**
     * Returns the current time of this clock in seconds. Only differences between two readings are meaningful.
     *
     * @return the current time in seconds
     */
    double time();
}
