package org.javaasync.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * What W2, W5 and W7 cost with no runtime at all: the JDK mechanism the runtime is built on, driven by a bare loop.
 * Peer {@code vthread-floor}: virtual threads whose scheduler is a plain queue run on the calling thread, exactly
 * the runtime's fast scheduler minus the runtime (W2: each of 10k threads calls {@code Thread.yield()} 100 times;
 * W5: 10k parked threads unparked and run to their end; W7: live heap per parked thread). Peer
 * {@code continuation-floor}: the JDK's internal {@code jdk.internal.vm.Continuation} without a virtual thread
 * around it (W2 and W7), reported only when the JVM opens {@code java.base/jdk.internal.vm}. No figure of these
 * peers can be beaten by a runtime that runs tasks on them; they bound what tuning the runtime can reach.
 */
final class Floors {
    private static final int SWITCH_TASKS = 10_000;
    private static final int SWITCHES_EACH = 100;
    private static final int WAKE_TASKS = 10_000;
    private static final int HELD_TASKS = 100_000;

    private final Report vthreads;
    private final Report continuations;

    Floors(Report vthreads, Report continuations) {
        this.vthreads = vthreads;
        this.continuations = continuations;
    }

    /** One round of every floor workload. */
    void run() throws Throwable {
        vthreads.emit("W2", "ns_per_switch", virtualThreadSwitch(), "ns");
        vthreads.emit("W5", "seconds", virtualThreadWake(), "s");
        vthreads.emit("W7", "heap_bytes_per_suspended_task", virtualThreadHeld(), "B");
        if (RawContinuations.AVAILABLE) {
            continuations.emit("W2", "ns_per_switch", RawContinuations.switchCost(), "ns");
            continuations.emit("W7", "heap_bytes_per_suspended_task", RawContinuations.held(), "B");
        }
    }

    /** A virtual thread scheduler that queues the continuations the JDK hands it; {@link #drain} runs them. */
    private static final class QueueScheduler implements Executor {
        final ArrayDeque<Runnable> ready = new ArrayDeque<>();

        @Override
        public void execute(Runnable continuation) {
            ready.add(continuation);
        }

        void drain() {
            Runnable next;
            while ((next = ready.poll()) != null) {
                next.run();
            }
        }
    }

    private static double virtualThreadSwitch() {
        QueueScheduler loop = new QueueScheduler();
        for (int i = 0; i < SWITCH_TASKS; i++) {
            startOn(loop, () -> {
                for (int j = 0; j < SWITCHES_EACH; j++) {
                    Thread.yield();
                }
            });
        }
        long t = System.nanoTime();
        loop.drain();
        return (System.nanoTime() - t) / ((double) SWITCH_TASKS * SWITCHES_EACH);
    }

    private static double virtualThreadWake() {
        QueueScheduler loop = new QueueScheduler();
        Thread[] threads = new Thread[WAKE_TASKS];
        for (int i = 0; i < WAKE_TASKS; i++) {
            threads[i] = startOn(loop, LockSupport::park);
        }
        loop.drain(); // every thread runs to its park
        long t = System.nanoTime();
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        loop.drain();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double virtualThreadHeld() {
        QueueScheduler loop = new QueueScheduler();
        long before = liveHeap();
        Thread[] threads = new Thread[HELD_TASKS]; // counted, as W7 counts its list of tasks
        for (int i = 0; i < HELD_TASKS; i++) {
            threads[i] = startOn(loop, LockSupport::park);
        }
        loop.drain();
        double perThread = (liveHeap() - before) / (double) HELD_TASKS;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        loop.drain();
        return perThread;
    }

    private static Thread startOn(QueueScheduler loop, Runnable body) {
        Thread thread = VirtualThreadFactory.newThread(loop, body);
        thread.start();
        return thread;
    }

    /** Live heap after collecting garbage until it stops shrinking, as W7 measures it. */
    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The JDK's virtual threads with a custom scheduler, as the runtime reaches them (needs java.lang opened). */
    private static final class VirtualThreadFactory {
        private static final MethodHandle NEW_THREAD;

        static {
            try {
                Class<?> builders = Class.forName("java.lang.ThreadBuilders");
                NEW_THREAD = MethodHandles.privateLookupIn(builders, MethodHandles.lookup())
                        .findStatic(
                                builders,
                                "newVirtualThread",
                                MethodType.methodType(
                                        Thread.class, Executor.class, String.class, int.class, Runnable.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static Thread newThread(Executor scheduler, Runnable body) {
            try {
                return (Thread) NEW_THREAD.invokeExact(scheduler, (String) null, 0, body);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual thread with a custom scheduler", e);
            }
        }
    }

    /**
     * {@code jdk.internal.vm.Continuation} used directly: what a virtual thread is built on, without its scheduling
     * states, mounting and parking. Reached only with {@code --add-opens java.base/jdk.internal.vm=ALL-UNNAMED}.
     */
    private static final class RawContinuations {
        static final boolean AVAILABLE;
        private static final Object SCOPE;
        private static final MethodHandle NEW;
        private static final MethodHandle RUN;
        private static final MethodHandle YIELD;
        private static final MethodHandle IS_DONE;

        static {
            Object scope = null;
            MethodHandle create = null;
            MethodHandle run = null;
            MethodHandle yield = null;
            MethodHandle isDone = null;
            try {
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(continuation, MethodHandles.lookup());
                scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                        .invoke("floor");
                create = lookup.findConstructor(
                                continuation, MethodType.methodType(void.class, scopeClass, Runnable.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
                run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                yield = lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeClass))
                        .asType(MethodType.methodType(boolean.class, Object.class));
                isDone = lookup.findVirtual(continuation, "isDone", MethodType.methodType(boolean.class))
                        .asType(MethodType.methodType(boolean.class, Object.class));
            } catch (Throwable e) {
                scope = null;
            }
            SCOPE = scope;
            NEW = create;
            RUN = run;
            YIELD = yield;
            IS_DONE = isDone;
            AVAILABLE = scope != null;
        }

        static double switchCost() throws Throwable {
            ArrayDeque<Object> ready = new ArrayDeque<>();
            for (int i = 0; i < SWITCH_TASKS; i++) {
                ready.add((Object) NEW.invokeExact(SCOPE, (Runnable) () -> {
                    for (int j = 0; j < SWITCHES_EACH; j++) {
                        yieldNow();
                    }
                }));
            }
            long t = System.nanoTime();
            Object next;
            while ((next = ready.poll()) != null) {
                RUN.invokeExact(next);
                if (!(boolean) IS_DONE.invokeExact(next)) {
                    ready.add(next);
                }
            }
            return (System.nanoTime() - t) / ((double) SWITCH_TASKS * SWITCHES_EACH);
        }

        static double held() throws Throwable {
            long before = liveHeap();
            Object[] held = new Object[HELD_TASKS];
            for (int i = 0; i < HELD_TASKS; i++) {
                held[i] = (Object) NEW.invokeExact(SCOPE, (Runnable) RawContinuations::yieldNow);
                RUN.invokeExact(held[i]);
            }
            double perContinuation = (liveHeap() - before) / (double) HELD_TASKS;
            for (Object c : held) {
                RUN.invokeExact(c);
            }
            return perContinuation;
        }

        private static void yieldNow() {
            try {
                boolean yielded = (boolean) YIELD.invokeExact(SCOPE);
                if (!yielded) {
                    throw new IllegalStateException("continuation pinned");
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
