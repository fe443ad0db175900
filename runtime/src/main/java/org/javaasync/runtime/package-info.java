/**
 * asyncio's programming model for Java: one event loop, tasks that switch only where they await, futures with
 * done-callbacks, and asyncio's combinators. Start with {@link org.javaasync.runtime.Asyncio}:
 *
 * <pre>{@code
 * import static org.javaasync.runtime.Asyncio.*;
 *
 * Coroutine<String> fetch(String url, double seconds) {
 *     return async("fetch", () -> {
 *         await(sleep(seconds));          // other tasks run meanwhile
 *         return url + " done";
 *     });
 * }
 *
 * List<String> pages = Asyncio.run(async(() -> {
 *     try (var t = timeout(5)) {          // TimeoutError after 5 s; the work is cancelled first
 *         return await(gather(fetch("a", 1), fetch("b", 2)));   // about 2 s, in input order
 *     }
 * }));
 * }</pre>
 *
 * <p>Layers, as in CPython's {@code Lib/asyncio}: {@link org.javaasync.runtime.EventLoop} (ready queue, timers,
 * {@code callSoonThreadsafe}), {@link org.javaasync.runtime.AsyncFuture}, {@link org.javaasync.runtime.Task} and
 * {@link org.javaasync.runtime.Coroutine}, then the combinators in {@code Asyncio},
 * {@link org.javaasync.runtime.TaskGroup} and {@link org.javaasync.runtime.Timeout}. Tests use a
 * {@link org.javaasync.runtime.VirtualClock} to assert exact orders and times. Task bodies run on virtual threads
 * scheduled by the loop (JVM flag {@code --add-opens java.base/java.lang=ALL-UNNAMED}) or, without the flag, on a
 * portable scheduler with the same semantics.
 */
package org.javaasync.runtime;
