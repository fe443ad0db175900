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
 * List<String> pages = Asyncio.run(async(() ->
 *         // TimeoutError after 5 s, the work cancelled first; about 2 s here, results in input order
 *         await(timeout(5, () -> await(gather(fetch("a", 1), fetch("b", 2)))))));
 * }</pre>
 *
 * <p>Scopes ({@code async with} in Python) come in two forms: the exact coroutine forms
 * {@code await(timeout(seconds, () -> ...))} and {@code await(taskGroup(tg -> { ... }))}, which see their body's
 * exception as Python's {@code __aexit__} does, and try-with-resources forms ({@code try (var t = timeout(5))},
 * {@code try (var tg = new TaskGroup())}), whose limits {@link org.javaasync.runtime.Timeout} and
 * {@link org.javaasync.runtime.TaskGroup} describe. Context variables are {@link org.javaasync.runtime.ContextVar}.
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
