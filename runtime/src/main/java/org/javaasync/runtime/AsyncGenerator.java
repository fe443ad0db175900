package org.javaasync.runtime;

import java.util.Objects;

/**
 * Python's async generator ({@code async def} with {@code yield}): a body that emits elements and may await between
 * them, consumed with a for-each inside a task.
 *
 * <pre>{@code
 * var ticks = AsyncGenerator.<Integer>generate(out -> {
 *     try {
 *         for (int i = 0; i < 3; i++) {
 *             out.emit(i);             // hands i to the consumer and suspends until it asks for the next one
 *             await(sleep(0.1));
 *         }
 *     } finally {
 *         System.out.println("cleanup");   // runs at the end, or when the consumer closes the generator early
 *     }
 * });
 * try (ticks) {                             // async with aclosing(ticks):
 *     for (int t : ticks) {
 *         if (t == 1) break;                // leaving the try closes the generator: "cleanup" runs now
 *     }
 * }
 * }</pre>
 *
 * <p><b>Hand-off, not a buffer.</b> The body runs only while a consumer waits in {@link #anext()}: it starts at the
 * first pull, and {@link Emitter#emit} passes one element and suspends the body until the next pull. At most one
 * element is in flight, so a slow consumer slows the producer down, as in Python.
 *
 * <p><b>Closing.</b> {@link #aclose()} (or {@link #close()}, for try-with-resources) throws {@link GeneratorExit} at
 * the {@code emit} where the body is suspended, so its {@code finally} blocks run (and may await) before
 * {@code aclose} completes; an exception they throw comes out of {@code aclose}. Closing a generator that never
 * started, or has finished, does nothing. Breaking out of a for-each alone does not close it (nor does it in Python);
 * a generator left open is cancelled with the other pending tasks when the loop's {@code run} finishes.
 *
 * <p><b>Failures and cancellation.</b> An exception thrown by the body comes out of the pull that was waiting, and
 * ends the generator (later pulls get {@link StopAsyncIteration}). If the consumer is cancelled while the body is
 * working between two elements, the body is cancelled too ({@link CancelledError} at its await; its {@code finally}
 * blocks run) and the generator ends, which is what happens in Python where both run in one task. If the consumer is
 * cancelled after the body has emitted but before it took the element, the element is kept for the next pull.
 *
 * <p><b>Differences from Python.</b> The body runs in a task of its own (created at the first pull, named after the
 * generator), so {@code currentTask()} inside it is not the consumer's task, and each element costs two task
 * switches through the loop, where Python's body runs inline until it awaits. Misuse: pulling while another pull is
 * in progress, or closing while a pull is in progress, raises {@link IllegalStateException} (Python's
 * "asynchronous generator is already running"). Not thread-safe; confined to the loop of its first pull.
 *
 * @param <T> the element type
 */
public final class AsyncGenerator<T> implements AsyncIterable<T>, AsyncIterator<T>, AutoCloseable {

    /**
     * The generator's body: emits elements through {@code out}, may await anything in between.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Produces the elements; returning ends the generator, throwing ends it with that failure.
         *
         * @param out where to emit the elements
         * @throws Exception any failure, which comes out of the pull that was waiting
         */
        void run(Emitter<T> out) throws Exception;
    }

    /**
     * What the body calls to emit an element (Python's {@code yield}).
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface Emitter<T> {
        /**
         * Hands {@code item} to the consumer and suspends the body until the consumer pulls again; returns the value
         * the consumer sent with {@link AsyncGenerator#asend} ({@code null} for a plain pull), as Python's
         * {@code received = yield item}.
         *
         * @param item the element, may be {@code null}
         * @return the value sent by the next pull, or {@code null}
         * @throws GeneratorExit if the generator is closed while suspended here: let it propagate
         * @throws CancelledError if the generator's task is cancelled while suspended here
         * @throws IllegalStateException if called after the generator was closed (from a {@code finally} block or
         *     after catching {@link GeneratorExit}), or from outside the generator's body
         * @throws RuntimeException the exception given to {@link AsyncGenerator#athrow}, thrown here as it is
         */
        Object emit(T item);
    }

    /** What the consumer's next step asks of the body suspended in emit. */
    private record Signal(Object sent, Throwable thrown, boolean close) {
        static final Signal PULL = new Signal(null, null, false);
        static final Signal CLOSE = new Signal(null, null, true);
    }

    private final String name;
    private final Body<T> body;
    private Task<Void> producer;
    /** The consumer's pending pull, completed by the body's next emit or by its end. */
    private AsyncFuture<T> item;
    /** Where the body is suspended in emit, waiting for the next pull or for close. */
    private AsyncFuture<Signal> demand;
    /** An element the body emitted for a pull that was cancelled: the next pull returns it. */
    private AsyncFuture<T> kept;

    private boolean running;
    private boolean finished;
    private boolean closing;

    private AsyncGenerator(String name, Body<T> body) {
        this.name = Objects.requireNonNull(name, "name");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Creates a generator from {@code body}; nothing runs until the first pull.
     *
     * @param <T> the element type
     * @param body the producer, which calls {@code out.emit(x)} for each element
     * @return a new, unstarted generator
     */
    public static <T> AsyncGenerator<T> generate(Body<T> body) {
        return new AsyncGenerator<>("async-generator", body);
    }

    /**
     * As {@link #generate(Body)}, with a name for the body's task and for debug output.
     *
     * @param <T> the element type
     * @param name the generator's name
     * @param body the producer
     * @return a new, unstarted generator
     */
    public static <T> AsyncGenerator<T> generate(String name, Body<T> body) {
        return new AsyncGenerator<>(name, body);
    }

    /** Returns this generator: like Python's, a generator is its own (single-pass) iterator. */
    @Override
    public AsyncIterator<T> aiter() {
        return this;
    }

    /**
     * Returns a coroutine that resumes the body until it emits the next element, and resolves to it; fails with
     * {@link StopAsyncIteration} once the body has returned (or failed, or been closed), and with the body's exception
     * on the pull during which it failed. Cancellation: see the class comment.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     * @throws IllegalStateException (when awaited) if another pull or a close is in progress
     */
    @Override
    public Coroutine<T> anext() {
        return new Coroutine<>(name + ".anext", () -> pull("anext()", Signal.PULL));
    }

    /**
     * Returns a coroutine that resumes the body with {@code value} as the result of the {@code emit} where it is
     * suspended (Python's {@code asend}), and resolves to the next element. {@code asend(null)} is {@link #anext()}.
     *
     * @param value what the body's suspended {@code emit} returns
     * @return a lazy coroutine
     * @throws IllegalArgumentException (when awaited) if {@code value} is not {@code null} and the body has not
     *     started: there is no emit yet to receive it
     * @throws IllegalStateException (when awaited) if another pull or a close is in progress
     */
    public Coroutine<T> asend(Object value) {
        return new Coroutine<>(name + ".asend", () -> {
            if (value != null && producer == null && !finished) {
                throw new IllegalArgumentException(
                        "can't send non-null value to a just-started async generator " + name);
            }
            return pull("asend()", new Signal(value, null, false));
        });
    }

    /**
     * Returns a coroutine that throws {@code failure} into the body at the {@code emit} where it is suspended
     * (Python's {@code athrow}), and resolves to the element the body emits next if it catches it. If the body lets
     * it through (or fails otherwise) the coroutine fails with that exception; if the body returns, with
     * {@link StopAsyncIteration}. On a body that has not started, {@code failure} ends the generator at once and is
     * thrown; on a finished one, {@code StopAsyncIteration}.
     *
     * @param failure the exception to throw at the suspended {@code emit}
     * @return a lazy coroutine
     * @throws IllegalStateException (when awaited) if another pull or a close is in progress
     */
    public Coroutine<T> athrow(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        return new Coroutine<>(name + ".athrow", () -> {
            if (!running && !finished && producer == null) {
                finished = true;
                throw Sneaky.rethrow(failure);
            }
            return pull("athrow()", new Signal(null, failure, false));
        });
    }

    private T pull(String operation, Signal signal) {
        if (running) {
            throw new IllegalStateException(operation + ": asynchronous generator " + name + " is already running");
        }
        if (kept != null && signal.thrown() == null) {
            AsyncFuture<T> k = kept;
            kept = null;
            return k.result();
        }
        kept = null;
        if (finished) {
            throw new StopAsyncIteration();
        }
        return transfer(signal);
    }

    /** Runs the body (starting it, or resuming it at its emit with {@code signal}) until it emits or ends. */
    private T transfer(Signal signal) {
        EventLoop loop = Task.currentOrFail("await(" + name + ".anext())").loop;
        AsyncFuture<T> next = loop.createFuture();
        item = next;
        running = true;
        try {
            if (producer == null) {
                loop.asyncGeneratorStarted(this);
                producer = loop.createTask(Coroutine.of(name, this::produce), name, null);
            } else {
                AsyncFuture<Signal> d = demand;
                demand = null;
                d.setResult(signal);
            }
            return Task.currentOrFail("await()").awaitFuture(next);
        } catch (RuntimeException e) {
            if (!TaskScopes.isCancellation(e)) {
                throw e;
            }
            if (next.isDone() && !next.isCancelled()) {
                if (next.exception() == null) {
                    kept = next; // emitted, but we were cancelled before taking it: keep it for the next pull
                }
            } else if (!finished && demand == null) {
                abandonProducer(); // the body is between two elements: it shares our fate, as in Python
            }
            throw e;
        } finally {
            running = false;
            item = null;
        }
    }

    private void abandonProducer() {
        finished = true;
        producer.cancel();
        try {
            // Let its finally blocks run before our CancelledError goes on.
            Task.currentOrFail("await()").awaitFuture(producer, true);
        } catch (Throwable ignored) {
            // Its end (cancellation, or a failure of its cleanup) is not the consumer's to report: it was cancelled.
        }
    }

    /** The body's task. Its outcome goes to the waiting pull; the task itself only ends cancelled or normally. */
    private void produce() {
        Throwable failure = null;
        try {
            body.run(this::emit);
        } catch (GeneratorExit e) {
            if (!closing) {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
        }
        finished = true;
        producer.loop.asyncGeneratorFinished(this);
        AsyncFuture<T> waiting = item;
        if (waiting != null && !waiting.isDone()) {
            waiting.setException(failure == null ? new StopAsyncIteration() : failure);
        }
        if (failure instanceof CancelledError c) {
            throw c;
        }
    }

    private Object emit(T value) {
        if (closing) {
            throw new IllegalStateException("async generator " + name + " ignored GeneratorExit: "
                    + "do not emit after it was closed (from a finally block, or after catching GeneratorExit)");
        }
        AsyncFuture<T> waiting = item;
        if (waiting == null || demand != null || Task.current() != producer) {
            throw new IllegalStateException(
                    "emit() may only be called by the body of generator " + name + ", while it runs");
        }
        AsyncFuture<Signal> d = producer.loop.createFuture();
        demand = d;
        if (waiting.isDone()) {
            // The pull was cancelled while we worked: keep the element for the next pull.
            AsyncFuture<T> keep = producer.loop.createFuture();
            keep.setResult(value);
            kept = keep;
        } else {
            waiting.setResult(value);
        }
        Signal signal = producer.awaitFuture(d);
        if (signal.close()) {
            throw new GeneratorExit();
        }
        if (signal.thrown() != null) {
            throw Sneaky.rethrow(signal.thrown());
        }
        return signal.sent();
    }

    Task<Void> producer() {
        return producer;
    }

    /** Whether the body is parked in emit, between two pulls: it waits for its consumer, not for the loop. */
    boolean isSuspendedAtEmit() {
        return demand != null && !running && !finished;
    }

    /**
     * Returns a coroutine that closes the generator: the body gets {@link GeneratorExit} at its suspended
     * {@code emit}, its {@code finally} blocks run (and may await), and the coroutine completes when the body has
     * ended. An exception thrown by the cleanup comes out of it. Does nothing if the generator never started or has
     * ended. If the closing task is cancelled meanwhile, the body is cancelled too.
     *
     * @return a lazy coroutine; nothing happens until it is awaited
     * @throws IllegalStateException (when awaited) if a pull is in progress, or the body emits again while closing
     */
    @Override
    public Coroutine<Void> aclose() {
        return Coroutine.of(name + ".aclose", () -> {
            if (running) {
                throw new IllegalStateException("aclose(): asynchronous generator " + name + " is already running");
            }
            kept = null;
            if (finished || producer == null) {
                finished = true;
                return;
            }
            closing = true;
            Task<?> task = Task.currentOrFail("await(" + name + ".aclose())");
            boolean cleanup = task.beginCleanup();
            try {
                transfer(Signal.CLOSE);
                // transfer only returns if the body emitted, and emit refuses while closing: unreachable.
            } catch (StopAsyncIteration normalEnd) {
                // The body unwound and returned: closed.
            } finally {
                if (cleanup) {
                    task.endCleanup();
                }
            }
        });
    }

    /**
     * Closes the generator from try-with-resources: {@code await(aclose())}. Must run inside a task.
     *
     * @throws IllegalStateException as {@link #aclose()}, or outside a task
     */
    @Override
    public void close() {
        aclose().runInline(Task.currentOrFail("AsyncGenerator.close()"));
    }

    @Override
    public String toString() {
        String state = finished ? "finished" : producer == null ? "created" : running ? "running" : "suspended";
        return "AsyncGenerator[" + name + ", " + state + "]";
    }
}
