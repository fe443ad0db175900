/**
 * asyncio's synchronization primitives and queues for the event-loop runtime: {@link org.javaasync.runtime.sync.Lock},
 * {@link org.javaasync.runtime.sync.AsyncSemaphore}, {@link org.javaasync.runtime.sync.AsyncBoundedSemaphore},
 * {@link org.javaasync.runtime.sync.Event}, {@link org.javaasync.runtime.sync.Condition},
 * {@link org.javaasync.runtime.sync.Barrier} and the queues {@link org.javaasync.runtime.sync.AsyncQueue},
 * {@link org.javaasync.runtime.sync.AsyncPriorityQueue}, {@link org.javaasync.runtime.sync.AsyncLifoQueue}.
 *
 * <p>Each primitive is built only from {@link org.javaasync.runtime.AsyncFuture}s, the running loop and a deque, the
 * way
 * CPython's {@code asyncio/locks.py} and {@code asyncio/queues.py} are, and keeps their semantics: waiters are served
 * in FIFO order, a waiter that is woken but cancelled before it runs passes the wake-up on, and a cancelled waiter
 * leaves no trace. None of these classes is thread-safe: like asyncio's, they are confined to the loop they are first
 * used on (using one from a second loop raises {@link java.lang.IllegalStateException}); from another thread, hand work
 * to the loop with {@code callSoonThreadsafe}.
 *
 * <p>Every waiting method returns a {@link org.javaasync.runtime.Coroutine} that does nothing until awaited, exactly
 * as {@code lock.acquire()} does nothing in Python until awaited. {@code async with lock:} is
 * {@code try (var _ = await(lock.acquire())) { ... }}.
 */
package org.javaasync.runtime.sync;
