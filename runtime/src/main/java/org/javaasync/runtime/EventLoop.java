package org.javaasync.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An event loop with asyncio's semantics: one thread runs callbacks from a FIFO ready queue and a timer heap, and
 * the bodies of {@link Task tasks}, one at a time, switching only where a task awaits.
 *
 * <p><b>Threading.</b> The loop runs on the thread that calls {@link #runForever()} or {@link #runUntilComplete}.
 * While it runs, every method except {@link #callSoonThreadsafe}, {@link #stop()} (from a foreign thread it is
 * handed over thread-safely), {@link #isRunning()}, {@link #isClosed()}, {@link #isDebug()} and
 * {@link #inEventLoop()} is loop-confined: call it from a task or a callback of this loop. From another thread it
 * throws {@link IllegalStateException} naming {@code callSoonThreadsafe}, which is the way in. Before the loop runs,
 * any single thread may set it up (create tasks, schedule callbacks). After {@link #close()} every scheduling method
 * throws {@link IllegalStateException}.
 *
 * <p><b>Schedulers.</b> By default task bodies run on virtual threads whose scheduler is this loop (needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}); otherwise on the {@linkplain Scheduler#PORTABLE portable}
 * scheduler. See {@link Builder#scheduler}.
 *
 * <p><b>Debug mode</b> ({@link Builder#debug}, {@link #setDebug}, or {@code -Djavaasync.debug=true}): callbacks and
 * task steps slower than 100 ms are reported with the task's name and stack, coroutines never awaited are reported,
 * and task threads carry the task's name. Reports go to the {@linkplain Builder#reporter reporter}
 * (default: {@code System.err}).
 */
public final class EventLoop implements AutoCloseable {

    /** How task bodies are run. */
    public enum Scheduler {
        /**
         * Virtual threads whose scheduler is the loop: a switch costs a continuation yield. A JDK blocking call in a
         * task parks only that task. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} and a loop thread
         * that is a platform thread.
         */
        VIRTUAL_THREADS,
        /**
         * One ordinary virtual thread per task with a strict hand-off with the loop thread: the same ordering and
         * cancellation semantics, slower switches, and a JDK blocking call in a task blocks the whole loop.
         */
        PORTABLE
    }

    static final boolean DEBUG_BY_PROPERTY = Boolean.getBoolean("javaasync.debug");
    static final Consumer<String> DEFAULT_REPORTER = System.err::println;

    private final Clock clock;
    private final VirtualClock virtualClock;
    private final Scheduler scheduler;
    private final LoopQueues queues = new LoopQueues();
    private final ArrayDeque<Runnable> ready = queues.ready;
    private final LiveTasks liveTasks = new LiveTasks();
    private final LoopDiagnostics diagnostics;
    private final DefaultExecutor defaultExecutor = new DefaultExecutor();
    private final AsyncGenerators asyncGenerators = new AsyncGenerators();
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean closed;
    private int outsideWork;
    private Thread mountedThread;
    private Task<?> mountedTask;
    private volatile TaskObserver observer;
    private volatile ExceptionHandler exceptionHandler;
    private TaskFactory taskFactory;
    /** Entries of the current iteration's batch still to run; an eager task's step jumps the queue within it. */
    private int batchRemaining;
    /** The context of the callback running now (see {@link CurrentContext}); emptied after each callback. */
    Object callbackContext = ContextBindings.EMPTY;

    private EventLoop(Builder builder) {
        this.clock = builder.clock;
        this.virtualClock = clock instanceof VirtualClock v ? v : null;
        this.scheduler = builder.scheduler;
        this.diagnostics = new LoopDiagnostics(this, builder.debug, builder.reporter, builder.slowCallback);
    }

    /**
     * Returns a builder; {@code EventLoop.builder().build()} is a loop with a monotonic clock, the fastest available
     * scheduler and debug mode as set by {@code -Djavaasync.debug}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses a loop's clock, scheduler and debug mode:
     * {@code EventLoop.builder().clock(new VirtualClock()).debug(true).build()}.
     */
    public static final class Builder {
        Clock clock = new MonotonicClock();
        Scheduler scheduler = LoopVirtualThreads.AVAILABLE ? Scheduler.VIRTUAL_THREADS : Scheduler.PORTABLE;
        boolean debug = DEBUG_BY_PROPERTY;
        Consumer<String> reporter = DEFAULT_REPORTER;
        Duration slowCallback = Duration.ofMillis(100);

        private Builder() {}

        /**
         * Sets the clock; a {@link VirtualClock} makes time jump to the next timer when nothing is ready.
         *
         * @param clock the clock, owned by this loop from now on
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the scheduler. The default is {@link Scheduler#VIRTUAL_THREADS} when available, else
         * {@link Scheduler#PORTABLE}.
         *
         * @param scheduler the scheduler
         * @return this builder
         * @throws IllegalStateException if {@code VIRTUAL_THREADS} is asked for but the JVM lacks
         *     {@code --add-opens java.base/java.lang=ALL-UNNAMED}
         */
        public Builder scheduler(Scheduler scheduler) {
            if (scheduler == Scheduler.VIRTUAL_THREADS && !LoopVirtualThreads.AVAILABLE) {
                throw new IllegalStateException(
                        "loop-scheduled virtual threads are not available: " + LoopVirtualThreads.UNAVAILABLE_REASON);
            }
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Turns debug mode on or off (default: the {@code javaasync.debug} system property).
         *
         * @param debug whether debug mode is on
         * @return this builder
         */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Sets where debug reports and errors of callbacks go (default: a line on {@code System.err}). Called on the
         * loop thread, or on the runtime's cleaner thread for garbage-collection reports.
         *
         * @param reporter the receiver of report texts
         * @return this builder
         */
        public Builder reporter(Consumer<String> reporter) {
            this.reporter = Objects.requireNonNull(reporter, "reporter");
            return this;
        }

        /**
         * Sets how long a callback or task step may run before debug mode reports it (default 100 ms).
         *
         * @param threshold the threshold
         * @return this builder
         */
        public Builder slowCallbackDuration(Duration threshold) {
            this.slowCallback = threshold;
            return this;
        }

        /**
         * Creates the loop. It is not running and not the current loop of any thread.
         *
         * @return the new loop
         */
        public EventLoop build() {
            return new EventLoop(this);
        }
    }

    // ---- finding the running loop ---------------------------------------------------------------------------

    /** The loop running on this thread (in a callback or a task), or {@code null}. */
    static EventLoop runningOrNull() {
        return RunningLoops.loopOf(Thread.currentThread());
    }

    /** The task whose body runs on this thread, or {@code null}. */
    static Task<?> currentTask() {
        return RunningLoops.taskOf(Thread.currentThread());
    }

    /** Whether {@code t} runs this loop (a callback) or its mounted task; a thread only ever sees itself here truly. */
    boolean runsOn(Thread t) {
        return t == thread || t == mountedThread;
    }

    /** The task mounted on this loop if it runs on {@code t}, or {@code null}. */
    Task<?> taskRunningOn(Thread t) {
        return t == mountedThread ? mountedTask : null;
    }

    static EventLoop running(String operation) {
        EventLoop loop = runningOrNull();
        if (loop == null) {
            throw new IllegalStateException(operation + ": no event loop is running on this thread. Run the code with"
                    + " Asyncio.run(...), or call this from a task or callback of a running loop.");
        }
        return loop;
    }

    // ---- scheduling callbacks -------------------------------------------------------------------------------

    /**
     * Schedules {@code callback} to run on the next iteration of the loop, after the callbacks already scheduled
     * (FIFO, shared with {@link #callSoonThreadsafe}). The callback runs in a copy of the current {@link Context}.
     * Loop-confined.
     *
     * @param callback the callback; an exception it throws goes to the loop's {@linkplain #setExceptionHandler
     *     exception handler} and the loop goes on
     * @return a handle to cancel the callback
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the loop's
     */
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    /**
     * Like {@link #callSoon(Runnable)}, running {@code callback} in {@code context} (asyncio's {@code context=}):
     * values it sets there stay in {@code context}.
     *
     * @param callback the callback
     * @param context the context to run it in, or {@code null} for a copy of the current one
     * @return a handle to cancel the callback
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the loop's
     */
    public Handle callSoon(Runnable callback, Context context) {
        checkOpen();
        checkThread("callSoon()");
        Handle handle = new Handle(callback, contextFor(context));
        queues.addReadyInOrder(handle);
        return handle;
    }

    /** What a callback captures: the given context, else a snapshot of the current one ({@code null} when empty). */
    private static Object contextFor(Context context) {
        if (context != null) {
            return context;
        }
        ContextBindings current = CurrentContext.snapshot();
        return current == ContextBindings.EMPTY ? null : current;
    }

    /**
     * Schedules {@code callback} to run {@code delaySeconds} from now on the loop's clock, in a copy of the current
     * {@link Context}. Loop-confined.
     *
     * @param delaySeconds the delay in seconds; zero or negative means as soon as possible after earlier timers
     * @param callback the callback
     * @return a handle to cancel the timer
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the loop's
     */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return callAt(time() + delaySeconds, callback, null);
    }

    /**
     * Like {@link #callLater(double, Runnable)}, running {@code callback} in {@code context}.
     *
     * @param delaySeconds the delay in seconds
     * @param callback the callback
     * @param context the context to run it in, or {@code null} for a copy of the current one
     * @return a handle to cancel the timer
     */
    public TimerHandle callLater(double delaySeconds, Runnable callback, Context context) {
        return callAt(time() + delaySeconds, callback, context);
    }

    /**
     * Schedules {@code callback} to run after {@code delay}. See {@link #callLater(double, Runnable)}.
     *
     * @param delay the delay
     * @param callback the callback
     * @return a handle to cancel the timer
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLater(delay.toNanos() / 1e9, callback);
    }

    /**
     * Schedules {@code callback} to run at loop time {@code when} (see {@link #time()}), in a copy of the current
     * {@link Context}; timers due at the same time run in the order they were scheduled. Loop-confined.
     *
     * @param when the due time in seconds on the loop's clock
     * @param callback the callback
     * @return a handle to cancel the timer
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the loop's
     */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, null);
    }

    /**
     * Like {@link #callAt(double, Runnable)}, running {@code callback} in {@code context}.
     *
     * @param when the due time in seconds on the loop's clock
     * @param callback the callback
     * @param context the context to run it in, or {@code null} for a copy of the current one
     * @return a handle to cancel the timer
     */
    public TimerHandle callAt(double when, Runnable callback, Context context) {
        checkOpen();
        checkThread("callAt()");
        return queues.addTimer(when, callback, contextFor(context));
    }

    /** A timer for the runtime's own machinery (sleep, timeouts): no context to capture. Loop-confined. */
    TimerHandle timerAt(double when, Runnable callback) {
        checkOpen();
        return queues.addTimer(when, callback, null);
    }

    /**
     * Schedules {@code callback} from any thread and wakes the loop if it is waiting for its next timer: the only
     * way for other threads to talk to the loop. Calls from the loop's own thread, and calls made before the loop
     * runs, share one FIFO with {@link #callSoon}, as in asyncio. The callback runs in a copy of the caller's
     * current {@link Context}.
     *
     * @param callback the callback, run on the loop thread
     * @return a handle to cancel the callback
     * @throws IllegalStateException if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    /**
     * Like {@link #callSoonThreadsafe(Runnable)}, running {@code callback} in {@code context}.
     *
     * @param callback the callback, run on the loop thread
     * @param context the context to run it in, or {@code null} for a copy of the caller's current one
     * @return a handle to cancel the callback
     * @throws IllegalStateException if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkOpen();
        Handle handle = new Handle(callback, contextFor(context));
        if (inEventLoop()) {
            queues.addReadyInOrder(handle);
        } else {
            readyAddFromOutside(handle);
        }
        return handle;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Returns the loop's current time in seconds, from its {@link Clock}.
     *
     * @return the loop time
     */
    public double time() {
        return clock.time();
    }

    void readyAdd(Runnable entry) {
        ready.add(entry);
    }

    void readyAddFromOutside(Runnable entry) {
        queues.addFromOutside(entry, thread);
    }

    // ---- tasks and futures ----------------------------------------------------------------------------------

    /**
     * Wraps {@code awaitable} in a task of this loop and schedules its first step (asyncio's {@code create_task}).
     * A {@link Task} of this loop is returned as it is; another future is wrapped in a task that awaits it.
     * Loop-confined.
     *
     * @param awaitable the coroutine (it must not have been awaited) or future
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the loop is closed, the coroutine was already awaited, or called from a
     *     thread other than the loop's
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable) {
        return createTask(awaitable, null, null);
    }

    /**
     * Like {@link #createTask(Awaitable)}, with a name (asyncio's {@code name=}).
     *
     * @param awaitable the coroutine or future
     * @param name the task's name, or {@code null} for {@code Task-N}
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable, String name) {
        return createTask(awaitable, name, null);
    }

    /**
     * Like {@link #createTask(Awaitable)}, with a name and the {@link Context} the task runs in (asyncio's
     * {@code context=}; values the task sets are then visible in {@code context}). The task comes from the loop's
     * {@linkplain #setTaskFactory task factory}, if one is set.
     *
     * @param awaitable the coroutine or future
     * @param name the task's name, or {@code null} for {@code Task-N}
     * @param context the context, or {@code null} for a copy of the current one
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the loop is closed, the coroutine was already awaited, or called from a
     *     thread other than the loop's
     */
    public <T> Task<T> createTask(Awaitable<T> awaitable, String name, Context context) {
        checkOpen();
        checkThread("createTask()");
        return switch (awaitable) {
            case Coroutine<T> coro -> newTask(coro, name, context);
            case Task<T> task when task.loop == this -> task;
            case AsyncFuture<T> future -> newTask(new Coroutine<>(name, () -> awaitInTask(future)), name, context);
        };
    }

    private <T> Task<T> newTask(Coroutine<T> coro, String name, Context context) {
        TaskFactory factory = taskFactory;
        if (factory == null) {
            return new Task<>(this, coro, name, context, false);
        }
        Task<T> task = factory.createTask(this, coro, name, context);
        if (task == null || task.loop != this) {
            throw new IllegalStateException("the task factory " + factory + " did not return a task of this loop");
        }
        return task;
    }

    /**
     * Sets the factory of this loop's tasks (asyncio's {@code set_task_factory}); {@code null} restores the default
     * (lazy tasks). With {@link Asyncio#eagerTaskFactory()} tasks start eagerly. Loop-confined.
     *
     * @param factory the factory, or {@code null}
     */
    public void setTaskFactory(TaskFactory factory) {
        checkThread("setTaskFactory()");
        this.taskFactory = factory;
    }

    /**
     * Returns the factory set with {@link #setTaskFactory}, or {@code null} for the default.
     *
     * @return the factory, or {@code null}
     */
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /** Runs a new eager task's first step now: inline in a callback, or between two steps of the current task. */
    void runFirstStepNow(TaskThread step) {
        Task<?> current = currentTask();
        if (current == null) {
            step.run();
        } else {
            current.yieldTo(step);
        }
    }

    void readyAddFirst(Runnable entry) {
        ready.addFirst(entry);
        batchRemaining++;
    }

    private static <T> T awaitInTask(AsyncFuture<T> future) {
        return Task.currentOrFail("await()").awaitFuture(future);
    }

    /**
     * asyncio's {@code ensure_future}: a future of this loop is returned as it is, a coroutine becomes a task of this
     * loop. For the combinators, which accept both and work on futures.
     *
     * @throws IllegalArgumentException if the future belongs to another loop
     */
    <T> AsyncFuture<T> ensureFuture(Awaitable<T> awaitable) {
        return switch (awaitable) {
            case Coroutine<T> coro -> createTask(coro);
            case AsyncFuture<T> future when future.loop == this -> future;
            case AsyncFuture<T> future ->
                throw new IllegalArgumentException(
                        future + " belongs to a different event loop than the one running here; a combinator works"
                                + " on the futures of one loop");
        };
    }

    /**
     * Creates a pending future bound to this loop (asyncio's {@code loop.create_future()}).
     *
     * @param <T> the result type
     * @return a new pending future
     */
    public <T> AsyncFuture<T> createFuture() {
        return new AsyncFuture<>(this);
    }

    /**
     * Runs {@code job} on {@code executor} (asyncio's {@code run_in_executor}) and returns a future of this loop that
     * completes with its result or exception. With a {@code null} executor the loop's default executor is used: a
     * pool of min(32, CPUs + 4) platform threads (Java has no GIL, so CPU-bound jobs run in parallel). Cancelling
     * the future does not interrupt a job that has started; a job that has not started is skipped. The job counts
     * as work in flight outside the loop (see {@link VirtualClock}). Loop-confined.
     *
     * @param executor the executor, or {@code null} for the default
     * @param job the job
     * @param <T> the result type
     * @return a future of the job's outcome
     */
    public <T> AsyncFuture<T> runInExecutor(Executor executor, Callable<T> job) {
        checkOpen();
        checkThread("runInExecutor()");
        AsyncFuture<T> future = new AsyncFuture<>(this);
        Executor target = executor != null ? executor : defaultExecutor.get();
        outsideWorkStarted();
        try {
            target.execute(new ExecutorJob<>(this, future, job));
        } catch (RuntimeException e) {
            outsideWorkFinished();
            throw e;
        }
        return future;
    }

    /**
     * Replaces the executor that {@code runInExecutor(null, job)} and {@code toThread} use (asyncio's
     * {@code set_default_executor}). The previous one is not shut down. Any thread.
     *
     * @param executor the new default executor
     */
    public void setDefaultExecutor(ExecutorService executor) {
        defaultExecutor.set(Objects.requireNonNull(executor, "executor"));
    }

    /**
     * A coroutine that shuts the default executor down and waits for its running jobs (asyncio's
     * {@code shutdown_default_executor}); afterwards {@code runInExecutor(null, ...)} throws. The wait happens on a
     * helper thread, so the loop keeps running meanwhile. See {@link #shutdownDefaultExecutor(Double)}.
     *
     * @return the coroutine
     */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return shutdownDefaultExecutor(null);
    }

    /**
     * Like {@link #shutdownDefaultExecutor()}, waiting at most {@code timeoutSeconds}: if the jobs are still running
     * then, a warning is reported and the coroutine returns without them (they are not interrupted).
     *
     * @param timeoutSeconds the longest wait, in seconds of loop time, or {@code null} for no limit
     * @return the coroutine
     */
    public Coroutine<Void> shutdownDefaultExecutor(Double timeoutSeconds) {
        return Coroutine.of("shutdownDefaultExecutor", () -> {
            Task<?> task = Task.currentOrFail("await(loop.shutdownDefaultExecutor())");
            ExecutorService pool = defaultExecutor.markShutdown();
            if (pool == null) {
                return;
            }
            AsyncFuture<Void> joined = createFuture();
            outsideWorkStarted();
            Thread.ofPlatform().daemon().name("javaasync-executor-shutdown").start(() -> {
                pool.shutdown();
                try {
                    pool.awaitTermination(365, TimeUnit.DAYS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!isClosed()) {
                    callSoonThreadsafe(() -> {
                        outsideWorkFinished();
                        if (!joined.isDone()) {
                            joined.setResult(null);
                        }
                    });
                }
            });
            try {
                Timeout.runExact(
                        timeoutSeconds == null ? null : time() + timeoutSeconds, t -> task.awaitFuture(joined));
            } catch (TimeoutError e) {
                report("The executor did not finish joining its threads within " + timeoutSeconds + " seconds.");
            }
        });
    }

    /** Shuts the default executor down; waits for its jobs if {@code wait}. */
    void shutdownDefaultExecutor(boolean wait) {
        defaultExecutor.shutdown(wait);
    }

    // ---- asynchronous generators --------------------------------------------------------------------------------

    void asyncGeneratorStarted(AsyncGenerator<?> generator) {
        asyncGenerators.started(generator, this);
    }

    void asyncGeneratorFinished(AsyncGenerator<?> generator) {
        asyncGenerators.finished(generator);
    }

    /** Whether {@code task} is the body of an async generator parked between two pulls. */
    boolean parksAsyncGenerator(Task<?> task) {
        return asyncGenerators.parksAtEmit(task);
    }

    /**
     * A coroutine that closes every {@link AsyncGenerator} of this loop that started and has not finished (asyncio's
     * {@code shutdown_asyncgens}), concurrently: each body gets {@link GeneratorExit} at its {@code emit} and runs its
     * {@code finally} blocks. A generator whose closing fails is reported to the exception handler ("an error occurred
     * during closing of asynchronous generator"). Generators started afterwards are reported as started too late.
     * {@link Runner} and {@link Asyncio#run} do this when they finish.
     *
     * @return the coroutine
     */
    public Coroutine<Void> shutdownAsyncGens() {
        return Coroutine.of("shutdownAsyncGens", () -> {
            Task<?> task = Task.currentOrFail("await(loop.shutdownAsyncGens())");
            List<AsyncGenerator<?>> closing = asyncGenerators.takeAll();
            if (closing.isEmpty()) {
                return;
            }
            List<Coroutine<Void>> closes = new ArrayList<>();
            for (AsyncGenerator<?> generator : closing) {
                closes.add(generator.aclose());
            }
            List<Object> results = task.awaitFuture(GatheringFuture.start(closes, true));
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof Throwable failure && !(failure instanceof CancelledError)) {
                    callExceptionHandler(errorContext(
                            "an error occurred during closing of asynchronous generator " + closing.get(i),
                            failure,
                            "asyncgen",
                            closing.get(i)));
                }
            }
        });
    }

    TaskThread newTaskThread(Task<?> task) {
        return scheduler == Scheduler.VIRTUAL_THREADS ? new LoopCarriedTaskThread(task) : new HandoffTaskThread(task);
    }

    void taskStarted(Task<?> task) {
        liveTasks.add(task);
        TaskObserver o = observer;
        if (o != null) {
            Task<?> parent = currentTask();
            o.taskCreated(task, parent == task ? null : parent);
        }
    }

    void taskFinished(Task<?> task) {
        liveTasks.remove(task);
        TaskObserver o = observer;
        if (o != null) {
            o.taskDone(task);
        }
    }

    /**
     * Leaves {@code nanos} of the step running now out of debug mode's slow-step measurement. For tools that do
     * their own work inside a task's step: the kernel compiles a cell's next statement inside the cell's task, and
     * only the user's code should be judged as blocking the loop. Call it from the task whose step it is; it has no
     * effect outside debug mode.
     *
     * @param nanos the time not to count, in nanoseconds
     */
    public void excludeFromStep(long nanos) {
        diagnostics.exclude(nanos);
    }

    /**
     * Installs {@code observer} (or removes it, with {@code null}) to watch this loop's tasks being created, running,
     * suspending and finishing. Any thread; takes effect for events after the call.
     */
    public void setTaskObserver(TaskObserver observer) {
        this.observer = observer;
    }

    /**
     * Returns the tasks of this loop that are not done yet (asyncio's {@code all_tasks}). Loop-confined.
     *
     * @return a new set of the pending tasks
     */
    public Set<Task<?>> allTasks() {
        checkThread("allTasks()");
        return liveTasks.snapshot();
    }

    void mount(Task<?> task, Thread taskThread) {
        mountedTask = task;
        mountedThread = taskThread;
        diagnostics.stepOf(task, taskThread);
        TaskObserver o = observer;
        if (o != null) {
            o.taskResumed(task);
        }
    }

    void unmount() {
        TaskObserver o = observer;
        if (o != null && mountedTask != null) {
            o.taskSuspended(mountedTask);
        }
        mountedTask = null;
        mountedThread = null;
    }

    void outsideWorkStarted() {
        outsideWork++;
    }

    void outsideWorkFinished() {
        outsideWork--;
    }

    // ---- running --------------------------------------------------------------------------------------------

    /**
     * Runs the loop until {@code awaitable} is done and returns its result (asyncio's {@code run_until_complete}).
     * A coroutine is wrapped in a task first. The calling thread becomes the loop thread for the duration.
     *
     * @param awaitable the coroutine or future to run
     * @param <T> the result type
     * @return the result
     * @throws IllegalStateException if the loop is closed or already running, if another loop runs on this thread,
     *     or if the loop was stopped before the awaitable completed
     * @throws CancelledError if the awaitable was cancelled
     * @throws RuntimeException the awaitable's own exception, rethrown as it is
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkOpen();
        checkNotRunning();
        AsyncFuture<T> future = switch (awaitable) {
            case Coroutine<T> coro -> createTask(coro);
            case AsyncFuture<T> f when f.loop == this -> f;
            case AsyncFuture<T> f ->
                throw new IllegalArgumentException("runUntilComplete(): " + f + " belongs to another event loop");
        };
        future.addDoneCallback(f -> stop());
        runForever();
        if (!future.isDone()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.resultNow();
    }

    /**
     * Runs the loop until {@link #stop()} is called. The calling thread becomes the loop thread for the duration.
     *
     * @throws IllegalStateException if the loop is closed or already running, if another loop runs on this thread,
     *     or if the {@link Scheduler#VIRTUAL_THREADS} scheduler is asked to run on a virtual thread
     */
    public void runForever() {
        checkOpen();
        checkNotRunning();
        if (scheduler == Scheduler.VIRTUAL_THREADS && Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("an event loop with the VIRTUAL_THREADS scheduler must run on a platform"
                    + " thread (its thread carries the tasks' virtual threads); use Scheduler.PORTABLE here");
        }
        thread = Thread.currentThread();
        RunningLoops.add(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            thread = null;
            RunningLoops.remove(this);
        }
    }

    private void checkNotRunning() {
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (runningOrNull() != null) {
            throw new IllegalStateException("Cannot run an event loop while another loop is running on this thread");
        }
    }

    /** One iteration, as asyncio's {@code _run_once}: wait for work, collect due timers, run what is ready now. */
    private void runOnce() {
        queues.drainIncoming();
        if (ready.isEmpty() && !stopping) {
            TimerHandle next = queues.nextLiveTimer();
            if (next == null) {
                queues.waitForWork(-1, this);
            } else if (virtualClock != null) {
                // The VirtualClock rule: jump to the next timer unless work in flight outside the loop may still
                // produce something earlier; then wait for it in real time.
                if (outsideWork == 0) {
                    virtualClock.advanceTo(next.when());
                } else {
                    queues.waitForWork(-1, this);
                }
            } else {
                long nanos = (long) ((next.when() - clock.time()) * 1e9);
                if (nanos > 0) {
                    queues.waitForWork(nanos, this);
                }
            }
            queues.drainIncoming();
        }
        queues.collectDueTimers(clock.time());
        for (batchRemaining = ready.size(); batchRemaining > 0; batchRemaining--) {
            diagnostics.run(ready.poll());
            if (callbackContext != ContextBindings.EMPTY) {
                callbackContext = ContextBindings.EMPTY; // a callback's context values go no further
            }
        }
    }

    /**
     * Stops the loop after the callbacks that are ready now have run (asyncio's {@code stop}). From a foreign thread
     * the request is handed over thread-safely. Stopping a loop that is not running makes its next
     * {@link #runForever()} run one iteration.
     */
    public void stop() {
        stopping = true;
        queues.wakeUp(thread);
    }

    /**
     * Returns whether the loop is running.
     *
     * @return {@code true} while {@link #runForever()} or {@link #runUntilComplete} runs
     */
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: drops pending callbacks and timers and shuts the default executor down without waiting.
     * Idempotent. Pending tasks never run again. Afterwards every scheduling method throws
     * {@link IllegalStateException}.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("Cannot close a running event loop; stop() it first");
        }
        if (closed) {
            return;
        }
        closed = true;
        queues.clear();
        defaultExecutor.shutdown(false);
    }

    /**
     * Returns whether the current thread is the loop's thread, or a task of this loop is running on it.
     *
     * @return {@code true} on the loop's thread (callbacks and tasks)
     */
    public boolean inEventLoop() {
        Thread current = Thread.currentThread();
        return current == thread || current == mountedThread;
    }

    /**
     * Returns the scheduler this loop runs task bodies with.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Returns whether debug mode is on.
     *
     * @return {@code true} in debug mode
     */
    public boolean isDebug() {
        return diagnostics.debug;
    }

    /**
     * Turns debug mode on or off.
     *
     * @param debug whether debug mode is on
     */
    public void setDebug(boolean debug) {
        diagnostics.debug = debug;
        RunningLoops.debugChanged();
    }

    /**
     * Replaces the receiver of debug reports and callback errors (the kernel routes them to a cell).
     *
     * @param reporter the receiver of report texts
     */
    public void setReporter(Consumer<String> reporter) {
        diagnostics.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    Consumer<String> reporter() {
        return diagnostics.reporter;
    }

    void report(String text) {
        diagnostics.reporter.accept(text);
    }

    // ---- the exception handler ------------------------------------------------------------------------------

    /**
     * Installs the handler of errors nobody else can receive (asyncio's {@code set_exception_handler}): exceptions
     * escaping callbacks, exceptions of tasks and futures nobody retrieved, failures at shutdown. {@code null}
     * restores the default, {@link #defaultExceptionHandler}. Any thread; takes effect for reports after the call.
     *
     * @param handler the handler, or {@code null} for the default
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /**
     * Returns the handler installed with {@link #setExceptionHandler}, or {@code null} if the default is in use.
     *
     * @return the custom handler, or {@code null}
     */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Reports an error through the loop's exception handler (asyncio's {@code call_exception_handler}): the custom
     * handler if one is installed (run in the {@link Context} of the task, future or handle the report names), else
     * {@link #defaultExceptionHandler}. Never throws: a failing handler is itself reported by the default one. Any
     * thread.
     *
     * @param context the report: {@code "message"} and any of the keys listed in {@link ExceptionHandler}
     */
    public void callExceptionHandler(Map<String, ?> context) {
        callExceptionHandler(context, null);
    }

    /** As {@link #callExceptionHandler(Map)}; a custom handler runs in {@code runIn} when it is given. */
    void callExceptionHandler(Map<String, ?> context, Context runIn) {
        Map<String, Object> report = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            try {
                defaultExceptionHandler(report);
            } catch (RuntimeException | Error e) {
                DEFAULT_REPORTER.accept("Exception in default exception handler\n" + LeakReports.stackTrace(e));
            }
            return;
        }
        try {
            Context handlerContext = runIn != null ? runIn : contextOf(report);
            if (handlerContext != null) {
                handlerContext.run(() -> handler.handle(this, report));
            } else {
                handler.handle(this, report);
            }
        } catch (RuntimeException | Error e) {
            try {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("message", "Unhandled error in exception handler");
                failure.put("exception", e);
                failure.put("context", report);
                defaultExceptionHandler(failure);
            } catch (RuntimeException | Error again) {
                DEFAULT_REPORTER.accept("Exception in default exception handler while handling an unexpected error"
                        + " in custom exception handler\n" + LeakReports.stackTrace(again));
            }
        }
    }

    /** The context a handler runs in: of the task, future or handle the report names (as asyncio 3.12 does). */
    private static Context contextOf(Map<String, Object> report) {
        if (report.get("task") instanceof Task<?> task) {
            return task.getContext();
        }
        if (report.get("handle") instanceof Handle handle) {
            return handle.getContext();
        }
        return report.get("context") instanceof Context c ? c : null;
    }

    /**
     * The handler in use when none is installed (asyncio's {@code default_exception_handler}); custom handlers may
     * call it too. Writes to the loop's reporter the message ({@code "Unhandled exception in event loop"} without
     * one), one {@code key: value} line for each other key but {@code "exception"}, in key order, and the stack
     * trace of the exception. Any thread.
     *
     * @param context the report
     */
    public void defaultExceptionHandler(Map<String, ?> context) {
        Object message = context.get("message");
        StringBuilder text = new StringBuilder(
                message == null || message.toString().isEmpty()
                        ? "Unhandled exception in event loop"
                        : message.toString());
        new TreeMap<String, Object>(context).forEach((key, value) -> {
            if (!key.equals("message") && !key.equals("exception")) {
                text.append('\n').append(key).append(": ").append(value);
            }
        });
        if (context.get("exception") instanceof Throwable failure) {
            text.append('\n').append(LeakReports.stackTrace(failure));
        }
        report(text.toString());
    }

    /** A report with a message and an exception, and a third key when {@code key} is not {@code null}. */
    static Map<String, Object> errorContext(String message, Throwable exception, String key, Object value) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        if (exception != null) {
            context.put("exception", exception);
        }
        if (key != null) {
            context.put(key, value);
        }
        return context;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed: create a new one (Asyncio.newEventLoop())");
        }
    }

    /** The loop-confinement guard; cheap enough to be always on (asyncio checks only in debug mode). */
    void checkThread(String operation) {
        Thread owner = thread;
        if (owner != null) {
            Thread current = Thread.currentThread();
            if (current != owner && current != mountedThread) {
                throw new IllegalStateException(operation + " called from thread '" + current.getName()
                        + "', but this event loop runs on thread '" + owner.getName() + "'. From other threads,"
                        + " use loop.callSoonThreadsafe(() -> ...) to run the call on the loop.");
            }
        }
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + isDebug() + " scheduler="
                + scheduler + ">";
    }
}
