package org.javaasync.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * asyncio for Java: the entry class, used as {@code import static org.javaasync.runtime.Asyncio.*;}.
 *
 * <pre>{@code
 * Coroutine<String> fetch(String what) {
 *     return async("fetch", () -> {
 *         await(sleep(1));
 *         return what + " fetched";
 *     });
 * }
 *
 * List<String> both = Asyncio.run(async(() -> await(gather(fetch("a"), fetch("b")))));   // about 1 s, not 2
 * }</pre>
 *
 * <p><b>Lazy and eager.</b> What asyncio calls a coroutine is a {@link Coroutine} here and does nothing until
 * awaited: {@code sleep(1)} alone is a no-op (reported in debug mode as never awaited); {@code await(sleep(1))}
 * sleeps. Eager functions ({@code createTask}, {@code gather}, {@code shield}, {@code asCompleted}) schedule work at
 * once and need a running loop.
 *
 * <p><b>Where to call what.</b> {@code await} and the coroutines' bodies run inside tasks. Called outside a task,
 * they throw {@link IllegalStateException} saying to use {@link #run(Awaitable)} (in the kernel every cell is a task,
 * so it just works). {@code run} itself must not be called inside a running loop.
 */
public final class Asyncio {
    private Asyncio() {}

    // ---- running ----------------------------------------------------------------------------------------------

    /**
     * Runs {@code main} on a new event loop and returns its result (asyncio's {@code asyncio.run}): a
     * {@link Runner} used once. When {@code main} is done, the tasks it left pending are cancelled and awaited, the
     * asynchronous generators closed, the default executor shut down, and the loop closed. The loop uses a monotonic
     * clock, debug mode if {@code -Djavaasync.debug=true}, and the fastest scheduler available on this thread.
     *
     * @param main the coroutine to run
     * @param <T> the result type
     * @return the result of {@code main}
     * @throws IllegalStateException if called from a running event loop (inside a task use {@code await})
     * @throws RuntimeException whatever {@code main} throws, as it is
     */
    public static <T> T run(Awaitable<T> main) {
        refuseInsideRunningLoop();
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /**
     * Runs {@code body} as the main coroutine. See {@link #run(Awaitable)}.
     *
     * @param body the body of the main coroutine
     * @param <T> the result type
     * @return the body's result
     */
    public static <T> T run(AsyncSupplier<T> body) {
        return run(new Coroutine<>("main", body));
    }

    /**
     * Runs {@code body} as the main coroutine. See {@link #run(Awaitable)}.
     *
     * @param body the body of the main coroutine
     */
    public static void run(AsyncRunnable body) {
        run(Coroutine.of("main", body));
    }

    /**
     * Runs {@code main} on {@code loop} as {@link #run(Awaitable)} does, then closes the loop; for a loop with a
     * particular clock, scheduler or debug mode (asyncio's {@code loop_factory}).
     *
     * @param main the coroutine to run
     * @param loop a new loop, which this call closes
     * @param <T> the result type
     * @return the result of {@code main}
     * @throws IllegalStateException if called from a running event loop
     */
    public static <T> T run(Awaitable<T> main, EventLoop loop) {
        refuseInsideRunningLoop();
        try (Runner runner = new Runner(() -> loop)) {
            return runner.run(main);
        }
    }

    // Checked here before the Runner exists, as asyncio.run does, so that the error names what the user called
    // (Runner.run's own check would say "Runner.run()").
    private static void refuseInsideRunningLoop() {
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop; inside a task,"
                    + " use await(...) or createTask(...) instead");
        }
    }

    /**
     * Submits {@code coroutine} to {@code loop} from any thread (asyncio's {@code run_coroutine_threadsafe}): on the
     * loop's thread it becomes a task, and the returned {@link java.util.concurrent.CompletableFuture} follows that
     * task. Cancelling the returned future cancels the task (on the loop's thread). The way for other threads (a
     * kernel's request handlers, for example) to run code on a running loop and wait for it.
     *
     * @param coroutine a coroutine that has not run yet (or a future of {@code loop})
     * @param loop the loop, running or about to run on another thread
     * @param <T> the result type
     * @return a future of the task's outcome, completed on the loop's thread
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> java.util.concurrent.CompletableFuture<T> runCoroutineThreadsafe(
            Awaitable<T> coroutine, EventLoop loop) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (result.isCancelled()) {
                return;
            }
            try {
                Task<T> task = loop.createTask(coroutine);
                task.toCompletableFuture().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
                result.whenComplete((value, failure) -> {
                    if (result.isCancelled() && !task.isDone()) {
                        loop.callSoonThreadsafe(task::cancel);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Creates a new event loop with the default settings (asyncio's {@code new_event_loop}); not running.
     *
     * @return the new loop
     */
    public static EventLoop newEventLoop() {
        return EventLoop.builder().build();
    }

    /**
     * Returns the loop running on this thread (in a task or a callback).
     *
     * @return the running loop
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static EventLoop getRunningLoop() {
        return EventLoop.running("getRunningLoop()");
    }

    // ---- coroutines -------------------------------------------------------------------------------------------

    /**
     * Creates a coroutine from a body (asyncio's {@code async def}); lazy: nothing runs until it is awaited or wrapped
     * in a task. Without a name, debug mode names it after the method that created it.
     *
     * @param body the body, which may {@code await}
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> async(AsyncSupplier<T> body) {
        return new Coroutine<>(null, body);
    }

    /**
     * Creates a coroutine from a body without result. See {@link #async(AsyncSupplier)}.
     *
     * @param body the body, which may {@code await}
     * @return the coroutine
     */
    public static Coroutine<Void> async(AsyncRunnable body) {
        return Coroutine.of(null, body);
    }

    /**
     * Creates a named coroutine, as Python names a coroutine after its function. See {@link #async(AsyncSupplier)}.
     *
     * @param name the name, for example the enclosing method's
     * @param body the body
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> async(String name, AsyncSupplier<T> body) {
        return new Coroutine<>(name, body);
    }

    /**
     * Creates a named coroutine without result. See {@link #async(String, AsyncSupplier)}.
     *
     * @param name the name
     * @param body the body
     * @return the coroutine
     */
    public static Coroutine<Void> async(String name, AsyncRunnable body) {
        return Coroutine.of(name, body);
    }

    /**
     * Awaits (asyncio's {@code await x}). A {@link Coroutine} runs inline in the current task and its result is
     * returned; a {@link Task} or {@link AsyncFuture} suspends the current task until it is done (other tasks run
     * meanwhile) and returns its result. Whatever the awaitable throws is rethrown as it is, checked exceptions
     * included.
     *
     * <p>If the current task is cancelled while waiting, the awaited future is cancelled too and this throws
     * {@link CancelledError}; inside an expired {@link #timeout(double) timeout scope}, {@link TimeoutError}.
     *
     * @param awaitable the coroutine, task or future
     * @param <T> the result type
     * @return the result
     * @throws IllegalStateException outside a task (use {@link #run(Awaitable)}), or when awaiting a coroutine a
     *     second time, a future of another loop, or the current task itself
     */
    public static <T> T await(Awaitable<T> awaitable) {
        Task<?> task = Task.currentOrFail("await()");
        return switch (awaitable) {
            case Coroutine<T> coro -> coro.runInline(task);
            case AsyncFuture<T> future -> task.awaitFuture(future);
        };
    }

    /**
     * Awaits a {@link CompletionStage} (for example a {@code CompletableFuture}) without blocking the loop: the
     * current task suspends until the stage completes, and its result is returned or its exception rethrown
     * (unwrapped from {@code CompletionException}). Cancelling the task cancels the stage if it is a
     * {@link java.util.concurrent.Future}. See {@link AsyncFuture#from(CompletionStage)}.
     *
     * @param stage the stage
     * @param <T> the result type
     * @return the stage's result
     * @throws IllegalStateException outside a task
     */
    public static <T> T await(CompletionStage<T> stage) {
        Task<?> task = Task.currentOrFail("await()");
        return task.awaitFuture(AsyncFuture.from(stage));
    }

    /**
     * A coroutine that sleeps {@code seconds} of loop time (asyncio's {@code sleep}); {@code sleep(0)} lets every
     * other ready task and callback run once. Cancelling the task while it sleeps throws {@link CancelledError} from
     * the await.
     *
     * @param seconds the delay; zero or negative yields once
     * @return the coroutine
     * @throws IllegalArgumentException if {@code seconds} is NaN
     */
    public static Coroutine<Void> sleep(double seconds) {
        return sleep(seconds, null);
    }

    /**
     * A coroutine that sleeps {@code delay}. See {@link #sleep(double)}.
     *
     * @param delay the delay
     * @return the coroutine
     */
    public static Coroutine<Void> sleep(Duration delay) {
        return sleep(delay.toNanos() / 1e9, null);
    }

    /**
     * A coroutine that sleeps {@code seconds} and then returns {@code result}. See {@link #sleep(double)}.
     *
     * @param seconds the delay
     * @param result the value awaiting produces
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        if (seconds <= 0 && result == null) {
            return Coroutine.yieldOnce(); // the hot path of await(sleep(0)): one allocation
        }
        return new Coroutine<>("sleep", () -> {
            Task<?> task = Task.currentOrFail("await(sleep(...))");
            if (seconds <= 0) {
                task.yieldOnce();
                return result;
            }
            EventLoop loop = task.loop;
            AsyncFuture<T> future = new AsyncFuture<>(loop) {
                @Override
                String awaitedDescription() {
                    return "sleep(" + seconds + ")";
                }
            };
            TimerHandle timer = loop.timerAt(loop.time() + seconds, () -> {
                if (!future.isDone()) {
                    future.complete(result);
                }
            });
            try {
                return task.awaitFuture(future);
            } finally {
                timer.cancel();
            }
        });
    }

    // ---- tasks ------------------------------------------------------------------------------------------------

    /**
     * Wraps {@code awaitable} in a task of the running loop; its first step is scheduled with {@code callSoon}, so
     * it starts when the current task next awaits (asyncio's {@code create_task}). See
     * {@link EventLoop#createTask(Awaitable, String)}.
     *
     * @param awaitable a coroutine that has not run yet, or a future
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if no loop is running on this thread, or the coroutine already ran
     */
    public static <T> Task<T> createTask(Awaitable<T> awaitable) {
        return EventLoop.running("createTask()").createTask(awaitable, null);
    }

    /**
     * Like {@link #createTask(Awaitable)}, with a name.
     *
     * @param awaitable a coroutine or future
     * @param name the task's name
     * @param <T> the result type
     * @return the task
     */
    public static <T> Task<T> createTask(Awaitable<T> awaitable, String name) {
        return EventLoop.running("createTask()").createTask(awaitable, name);
    }

    /**
     * Like {@link #createTask(Awaitable)}, with a name and the {@link Context} the task runs in (asyncio's
     * {@code create_task(coro, name=, context=)}): values the task sets are visible in {@code context} afterwards.
     *
     * @param awaitable a coroutine or future
     * @param name the task's name, or {@code null}
     * @param context the context, or {@code null} for a copy of the current one
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if no loop is running on this thread, or the coroutine already ran
     */
    public static <T> Task<T> createTask(Awaitable<T> awaitable, String name, Context context) {
        return EventLoop.running("createTask()").createTask(awaitable, name, context);
    }

    /**
     * Returns the factory of eager tasks (asyncio's {@code eager_task_factory}), for
     * {@code loop.setTaskFactory(eagerTaskFactory())}: a task starts running inside {@code createTask}, up to its
     * first suspension, and one that finishes without suspending is done before {@code createTask} returns and never
     * goes through the loop's queue. Saves a loop iteration per task that often completes at once (a cached value).
     *
     * @return the factory
     */
    public static TaskFactory eagerTaskFactory() {
        return EagerTaskFactory.INSTANCE;
    }

    /**
     * Creates a task from a body. See {@link #createTask(Awaitable)}.
     *
     * @param body the body, which may {@code await}
     * @param <T> the result type
     * @return the task
     */
    public static <T> Task<T> createTask(AsyncSupplier<T> body) {
        return createTask(async(body), null);
    }

    /**
     * Creates a named task from a body. See {@link #createTask(Awaitable)}.
     *
     * @param body the body
     * @param name the task's name
     * @param <T> the result type
     * @return the task
     */
    public static <T> Task<T> createTask(AsyncSupplier<T> body, String name) {
        return createTask(async(name, body), name);
    }

    /**
     * Creates a task from a body without result. See {@link #createTask(Awaitable)}.
     *
     * @param body the body
     * @return the task
     */
    public static Task<Void> createTask(AsyncRunnable body) {
        return createTask(async(body), null);
    }

    /**
     * Creates a named task from a body without result. See {@link #createTask(Awaitable)}.
     *
     * @param body the body
     * @param name the task's name
     * @return the task
     */
    public static Task<Void> createTask(AsyncRunnable body, String name) {
        return createTask(async(name, body), name);
    }

    /**
     * Returns the task running on this thread (asyncio's {@code current_task}), or {@code null} in a plain callback
     * of a running loop.
     *
     * @return the current task, or {@code null}
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static Task<?> currentTask() {
        Task<?> task = Task.current();
        if (task == null) {
            EventLoop.running("currentTask()");
        }
        return task;
    }

    /**
     * Returns the tasks of the running loop that are not done (asyncio's {@code all_tasks}).
     *
     * @return a new set of pending tasks
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static Set<Task<?>> allTasks() {
        return EventLoop.running("allTasks()").allTasks();
    }

    // ---- combinators ------------------------------------------------------------------------------------------

    /**
     * Runs the awaitables concurrently and returns a future of their results in the order given, whatever the order
     * they finish in (asyncio's {@code gather}). Coroutines are wrapped in tasks at once. If one fails (or is
     * cancelled), the returned future fails with that exception at once, and the others keep running. Cancelling the
     * returned future cancels every child that is not done, and the awaiting task gets the children's
     * {@link CancelledError} (with the message given to {@code cancel}). With no awaitables, the result is an empty
     * list. The same awaitable given twice is one child.
     *
     * @param awaitables coroutines, tasks or futures, all of one loop
     * @param <T> the common result type
     * @return a future of the results, in input order
     * @throws IllegalStateException if no loop is running on this thread and no future is given
     * @throws IllegalArgumentException if a future belongs to another loop than the others
     */
    @SafeVarargs
    public static <T> AsyncFuture<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return gather(Arrays.asList(awaitables));
    }

    /**
     * Like {@link #gather(Awaitable[])}, for a collection.
     *
     * @param awaitables coroutines, tasks or futures
     * @param <T> the common result type
     * @return a future of the results, in input order
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> AsyncFuture<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
        return (AsyncFuture) GatheringFuture.start(awaitables, false);
    }

    /**
     * Like {@link #gather(Awaitable[])} with asyncio's {@code return_exceptions=True}: waits for all, and a failed
     * child's exception (a cancelled child's {@link CancelledError}) takes its place in the result list.
     *
     * @param awaitables coroutines, tasks or futures
     * @return a future of the results and exceptions, in input order
     */
    public static AsyncFuture<List<Object>> gatherReturningExceptions(Awaitable<?>... awaitables) {
        return gatherReturningExceptions(Arrays.asList(awaitables));
    }

    /**
     * Like {@link #gatherReturningExceptions(Awaitable[])}, for a collection.
     *
     * @param awaitables coroutines, tasks or futures
     * @return a future of the results and exceptions, in input order
     */
    public static AsyncFuture<List<Object>> gatherReturningExceptions(Collection<? extends Awaitable<?>> awaitables) {
        return GatheringFuture.start(awaitables, true);
    }

    /**
     * A coroutine that waits until the awaitables are done as {@code returnWhen} says, and returns the done and
     * pending futures (asyncio's {@code wait}). Coroutines are wrapped in tasks when it starts. Nothing is
     * cancelled: the pending futures keep running. Call it qualified, {@code Asyncio.wait(...)}: inside JShell's
     * classes an unqualified {@code wait(...)} means {@code Object.wait}.
     *
     * @param awaitables tasks, futures or coroutines; must not be empty
     * @param returnWhen when to return
     * @param <T> the result type
     * @return the coroutine
     * @throws IllegalArgumentException (when awaited) if {@code awaitables} is empty
     */
    public static <T> Coroutine<WaitResult<T>> wait(
            Collection<? extends Awaitable<T>> awaitables, ReturnWhen returnWhen) {
        return new Coroutine<>("wait", () -> Waiting.await(awaitables, null, returnWhen));
    }

    /**
     * {@code asyncio.wait(aws)}: like {@link #wait(Collection, ReturnWhen)} with {@link ReturnWhen#ALL_COMPLETED},
     * asyncio's default.
     *
     * @param awaitables tasks, futures or coroutines; must not be empty
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<T>> awaitables) {
        return wait(awaitables, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Like {@link #wait(Collection, ReturnWhen)}, returning after at most {@code timeoutSeconds} even if the
     * condition is not met (no exception: the unfinished futures are in {@link WaitResult#pending()}).
     *
     * @param awaitables tasks, futures or coroutines; must not be empty
     * @param timeoutSeconds the longest wait, in seconds of loop time
     * @param returnWhen when to return
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<WaitResult<T>> wait(
            Collection<? extends Awaitable<T>> awaitables, double timeoutSeconds, ReturnWhen returnWhen) {
        return new Coroutine<>("wait", () -> Waiting.await(awaitables, timeoutSeconds, returnWhen));
    }

    /**
     * A coroutine that awaits {@code awaitable} with a deadline (asyncio 3.12's {@code wait_for}). A coroutine runs
     * inline in the awaiting task; a task or future is awaited. When the deadline passes, the awaited work is
     * cancelled (it sees {@link CancelledError} and may clean up, awaiting), and once it has finished,
     * {@link TimeoutError} is thrown. If the awaiting task is cancelled from outside, the work is cancelled and
     * {@code CancelledError} propagates. With a deadline of zero or less, a done future's result is returned,
     * otherwise the work is cancelled and {@code TimeoutError} thrown.
     *
     * @param awaitable the work
     * @param seconds the deadline, in seconds of loop time from when the coroutine starts
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double seconds) {
        return waitFor(awaitable, Double.valueOf(seconds));
    }

    /**
     * Like {@link #waitFor(Awaitable, double)}; {@code null} means no deadline (asyncio's {@code wait_for(aw, None)}):
     * the work is simply awaited.
     *
     * @param awaitable the work
     * @param seconds the deadline, in seconds of loop time from when the coroutine starts, or {@code null}
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Double seconds) {
        return new Coroutine<>("waitFor", () -> Waiting.waitFor(awaitable, seconds));
    }

    // ---- timeout scopes ---------------------------------------------------------------------------------------

    /**
     * Runs {@code body} in this task under a deadline {@code seconds} from when the coroutine starts, and returns its
     * result: {@code await(timeout(2.0, () -> await(fetch(url))))}. asyncio's {@code async with asyncio.timeout(d):}
     * to the letter: inside the body the deadline arrives as a {@link CancelledError} at the current await (cleanup
     * may await), and the body ends with {@link TimeoutError} (its cause the {@code CancelledError}). A cancellation
     * from outside stays a {@code CancelledError}; an inner scope never claims this one's deadline. See
     * {@link Timeout}.
     *
     * @param seconds the delay, in seconds of loop time; zero or less expires at the first await
     * @param body the body, which may await
     * @param <T> the result type
     * @return the coroutine; nothing runs until it is awaited, in a task
     */
    public static <T> Coroutine<T> timeout(double seconds, AsyncSupplier<T> body) {
        return timeout(Double.valueOf(seconds), body);
    }

    /**
     * Runs {@code body} under a deadline: {@code await(timeout(2.0, () -> { ... }))}. See
     * {@link #timeout(double, AsyncSupplier)}.
     *
     * @param seconds the delay, in seconds of loop time
     * @param body the body, which may await
     * @return the coroutine
     */
    public static Coroutine<Void> timeout(double seconds, AsyncRunnable body) {
        return timeout(Double.valueOf(seconds), body);
    }

    /**
     * Like {@link #timeout(double, AsyncSupplier)}; {@code null} means no deadline.
     *
     * @param seconds the delay, in seconds of loop time, or {@code null}
     * @param body the body, which may await
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> timeout(Double seconds, AsyncSupplier<T> body) {
        return timeout(seconds, (Timeout t) -> body.get());
    }

    /**
     * Like {@link #timeout(double, AsyncRunnable)}; {@code null} means no deadline.
     *
     * @param seconds the delay, in seconds of loop time, or {@code null}
     * @param body the body, which may await
     * @return the coroutine
     */
    public static Coroutine<Void> timeout(Double seconds, AsyncRunnable body) {
        return timeout(seconds, (Timeout t) -> {
            body.run();
            return null;
        });
    }

    /**
     * Like {@link #timeout(double, AsyncSupplier)}, the body receiving the scope, to read or move its deadline
     * ({@link Timeout#reschedule}): {@code await(timeout(null, t -> { ...; t.reschedule(loop.time() + 1); ... }))}.
     *
     * @param seconds the delay, in seconds of loop time, or {@code null}
     * @param body the body, which may await
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> timeout(Double seconds, AsyncFunction<Timeout, T> body) {
        return new Coroutine<>("timeout", () -> {
            Task.currentOrFail("await(timeout(...))");
            return Timeout.runExactFor(seconds, "timeout", body);
        });
    }

    /**
     * Like {@link #timeout(Double, AsyncFunction)}, for a body without result.
     *
     * @param seconds the delay, in seconds of loop time, or {@code null}
     * @param body the body, which may await
     * @return the coroutine
     */
    public static Coroutine<Void> timeout(Double seconds, AsyncConsumer<Timeout> body) {
        return timeout(seconds, (Timeout t) -> {
            body.accept(t);
            return null;
        });
    }

    /**
     * Runs {@code body} under a deadline at loop time {@code when} (asyncio's {@code async with timeout_at(when):}).
     * See {@link #timeout(double, AsyncSupplier)}.
     *
     * @param when the deadline, in loop time ({@link EventLoop#time()})
     * @param body the body, which may await
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> timeoutAt(double when, AsyncSupplier<T> body) {
        return timeoutAt(Double.valueOf(when), (Timeout t) -> body.get());
    }

    /**
     * Runs {@code body} under a deadline at loop time {@code when}. See {@link #timeoutAt(double, AsyncSupplier)}.
     *
     * @param when the deadline, in loop time
     * @param body the body, which may await
     * @return the coroutine
     */
    public static Coroutine<Void> timeoutAt(double when, AsyncRunnable body) {
        return timeoutAt(Double.valueOf(when), body);
    }

    /**
     * Like {@link #timeoutAt(double, AsyncSupplier)}; {@code null} means no deadline.
     *
     * @param when the deadline, in loop time, or {@code null}
     * @param body the body, which may await
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> timeoutAt(Double when, AsyncSupplier<T> body) {
        return timeoutAt(when, (Timeout t) -> body.get());
    }

    /**
     * Like {@link #timeoutAt(double, AsyncRunnable)}; {@code null} means no deadline.
     *
     * @param when the deadline, in loop time, or {@code null}
     * @param body the body, which may await
     * @return the coroutine
     */
    public static Coroutine<Void> timeoutAt(Double when, AsyncRunnable body) {
        return timeoutAt(when, (Timeout t) -> {
            body.run();
            return null;
        });
    }

    /**
     * Like {@link #timeoutAt(double, AsyncSupplier)}, the body receiving the scope.
     *
     * @param when the deadline, in loop time, or {@code null}
     * @param body the body, which may await
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> timeoutAt(Double when, AsyncFunction<Timeout, T> body) {
        return new Coroutine<>("timeoutAt", () -> Timeout.runExact(when, "timeoutAt", body));
    }

    /**
     * Like {@link #timeoutAt(Double, AsyncFunction)}, for a body without result.
     *
     * @param when the deadline, in loop time, or {@code null}
     * @param body the body, which may await
     * @return the coroutine
     */
    public static Coroutine<Void> timeoutAt(Double when, AsyncConsumer<Timeout> body) {
        return timeoutAt(when, (Timeout t) -> {
            body.accept(t);
            return null;
        });
    }

    /**
     * Opens a timeout scope in the current task that expires {@code seconds} from now, for try-with-resources:
     * {@code try (var t = timeout(2.0)) { ... }}. When the deadline passes, the interrupted await throws
     * {@link TimeoutError}, and so does every later await in the block until it is left. It cannot see the block's
     * exception, so prefer {@link #timeout(double, AsyncSupplier)} where the block catches exceptions, awaits in a
     * {@code finally}, or holds a task group. See {@link Timeout}.
     *
     * @param seconds the delay, in seconds of loop time
     * @return the entered scope
     * @throws IllegalStateException if not called inside a task
     */
    public static Timeout timeout(double seconds) {
        return timeout(Double.valueOf(seconds));
    }

    /**
     * Like {@link #timeout(double)}; {@code null} means no deadline (set one later with {@link Timeout#reschedule}).
     *
     * @param seconds the delay, in seconds of loop time, or {@code null}
     * @return the entered scope
     * @throws IllegalStateException if not called inside a task
     */
    public static Timeout timeout(Double seconds) {
        Task.currentOrFail("timeout()");
        return Timeout.enteredFor(seconds, "timeout");
    }

    /**
     * Opens a timeout scope that expires at loop time {@code when} (asyncio's {@code timeout_at}), for
     * try-with-resources. See {@link #timeout(double)}.
     *
     * @param when the deadline in loop time
     * @return the entered scope
     * @throws IllegalStateException if not called inside a task
     */
    public static Timeout timeoutAt(double when) {
        return Timeout.entered(when, "timeoutAt");
    }

    /**
     * Like {@link #timeoutAt(double)}; {@code null} means no deadline (set one later with {@link Timeout#reschedule}).
     *
     * @param when the deadline in loop time, or {@code null}
     * @return the entered scope
     * @throws IllegalStateException if not called inside a task
     */
    public static Timeout timeoutAt(Double when) {
        return Timeout.entered(when, "timeoutAt");
    }

    // ---- task groups ------------------------------------------------------------------------------------------

    /**
     * Runs {@code body} with a new {@link TaskGroup} of this task and returns its result once every task of the group
     * is done: {@code await(taskGroup(tg -> { tg.createTask(a()); tg.createTask(b()); return 42; }))}. asyncio's
     * {@code async with TaskGroup() as tg:} to the letter: if a task fails, the others and the body are cancelled
     * (the body sees {@link CancelledError} at its await) and the coroutine ends with an {@link ExceptionGroup} of
     * every failure; an exception thrown by the body cancels the tasks too and joins the group. If this task is
     * cancelled from outside, the tasks are cancelled and awaited, and the {@code CancelledError} propagates (or the
     * {@code ExceptionGroup}, with the cancellation kept pending, if a task failed). A body written as a single
     * expression needs braces ({@code tg -> { tg.createTask(x); }}), and one that can only end by throwing fits both
     * forms: cast it, {@code (AsyncConsumer<TaskGroup>) tg -> { ... }}.
     *
     * @param body the body, which receives the group and may await
     * @param <T> the result type
     * @return the coroutine; nothing runs until it is awaited, in a task
     */
    public static <T> Coroutine<T> taskGroup(AsyncFunction<TaskGroup, T> body) {
        return new Coroutine<>("taskGroup", () -> TaskGroup.runExact(body));
    }

    /**
     * Runs {@code body} with a new {@link TaskGroup} of this task: {@code await(taskGroup(tg -> { ... }))}. See
     * {@link #taskGroup(AsyncFunction)}.
     *
     * @param body the body, which receives the group and may await
     * @return the coroutine
     */
    public static Coroutine<Void> taskGroup(AsyncConsumer<TaskGroup> body) {
        return taskGroup((TaskGroup tg) -> {
            body.accept(tg);
            return null;
        });
    }

    /**
     * Runs the awaitables concurrently and hands them out in the order they finish (asyncio's {@code as_completed}):
     * coroutines become tasks at once; the same awaitable given twice counts once. Iterate the result plainly for
     * coroutines that give the results in finishing order ({@code for (var next : asCompleted(aws))
     * { await(next); }}), or with {@link AsCompleted#futures()} for the finished tasks themselves (asyncio 3.13's
     * {@code async for}). See {@link AsCompleted}.
     *
     * @param awaitables coroutines, tasks or futures of the running loop
     * @param <T> the result type
     * @return the iterator, with as many elements as distinct awaitables
     * @throws IllegalStateException if no loop is running on this thread
     * @throws IllegalArgumentException if a future belongs to another loop
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> awaitables) {
        return new AsCompleted<>(EventLoop.running("asCompleted()"), awaitables, null);
    }

    /**
     * Like {@link #asCompleted(Collection)}, with a deadline: after {@code timeoutSeconds}, awaiting an element that
     * is not there yet throws {@link TimeoutError} (the awaitables themselves are not cancelled).
     *
     * @param awaitables coroutines, tasks or futures of the running loop
     * @param timeoutSeconds the deadline, in seconds of loop time from now
     * @param <T> the result type
     * @return the iterator
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> awaitables, double timeoutSeconds) {
        return new AsCompleted<>(EventLoop.running("asCompleted()"), awaitables, timeoutSeconds);
    }

    /**
     * Like {@link #asCompleted(Collection, double)}; {@code null} means no deadline (asyncio's {@code timeout=None}).
     *
     * @param awaitables coroutines, tasks or futures of the running loop
     * @param timeoutSeconds the deadline, in seconds of loop time from now, or {@code null}
     * @param <T> the result type
     * @return the iterator
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> awaitables, Double timeoutSeconds) {
        return new AsCompleted<>(EventLoop.running("asCompleted()"), awaitables, timeoutSeconds);
    }

    /**
     * Protects {@code awaitable} from cancellation (asyncio's {@code shield}): returns a future that follows it;
     * cancelling that future (for example because the awaiting task is cancelled) does not cancel the work, which
     * keeps running. A coroutine is wrapped in a task at once.
     *
     * @param awaitable the work to protect
     * @param <T> the result type
     * @return a future that follows the work, or the work itself if it is already done
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static <T> AsyncFuture<T> shield(Awaitable<T> awaitable) {
        return Waiting.shield(awaitable);
    }

    /**
     * A coroutine that runs {@code job} on the loop's default executor (platform threads) and returns its result
     * (asyncio's {@code to_thread}). While the job runs, other tasks run. Cancelling the awaiting task makes the
     * await throw {@link CancelledError} but does not stop a job that has started.
     *
     * @param job the blocking or CPU-bound work
     * @param <T> the result type
     * @return the coroutine
     */
    public static <T> Coroutine<T> toThread(Callable<T> job) {
        return new Coroutine<>("toThread", () -> {
            Task<?> task = Task.currentOrFail("await(toThread(...))");
            return task.awaitFuture(task.loop.runInExecutor(null, job));
        });
    }
}
