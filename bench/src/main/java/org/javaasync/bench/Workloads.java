package org.javaasync.bench;

import static org.javaasync.runtime.Asyncio.async;
import static org.javaasync.runtime.Asyncio.await;
import static org.javaasync.runtime.Asyncio.createTask;
import static org.javaasync.runtime.Asyncio.gather;
import static org.javaasync.runtime.Asyncio.getRunningLoop;
import static org.javaasync.runtime.Asyncio.sleep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.javaasync.runtime.AsyncFuture;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.sync.AsyncQueue;
import org.javaasync.runtime.sync.AsyncSemaphore;
import org.javaasync.runtime.sync.Event;

/**
 * W1-W8 of {@code shared/bench/asyncio_ref.py}, with the same parameters, written the way the Python reference writes
 * them (coroutines handed to {@code gather}, {@code async with sem}, a {@code None} end marker...). Each method runs
 * inside a task of a fresh loop and reports through {@link Report}.
 */
final class Workloads {
    private final Report out;
    private final boolean w7Histogram;
    private final LoopCpuClock cpu;
    private boolean histogramPrinted;

    Workloads(Report out) {
        this(out, false, null);
    }

    /**
     * With {@code w7Histogram}, the first reported W7 also prints a heap histogram of its tasks to stderr; with a
     * {@code cpu} clock, each timed workload also reports the loop thread's CPU time ({@code loop_cpu_ms}).
     */
    Workloads(Report out, boolean w7Histogram, LoopCpuClock cpu) {
        this.out = out;
        this.w7Histogram = w7Histogram;
        this.cpu = cpu;
    }

    /** W1: create n tasks, each awaits sleep(0) once and returns an int; gather them all. */
    void w1SpawnGather() {
        int n = 100_000;
        long t = System.nanoTime();
        long c = cpuNow();
        List<Coroutine<Integer>> coros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int value = i;
            coros.add(async(() -> {
                await(sleep(0));
                return value;
            }));
        }
        List<Integer> r = await(gather(coros));
        double dt = seconds(t);
        check(r.get(n - 1) == n - 1, "W1 result");
        out.emit("W1", "seconds", dt, "s");
        emitCpu("W1", c);
    }

    /** W2: n tasks each yield k times; cost per switch. */
    void w2Switch() {
        int n = 10_000;
        int k = 100;
        long t = System.nanoTime();
        long c = cpuNow();
        List<Coroutine<Void>> coros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            coros.add(async(() -> {
                for (int j = 0; j < k; j++) {
                    await(sleep(0));
                }
            }));
        }
        await(gather(coros));
        out.emit("W2", "ns_per_switch", (System.nanoTime() - t) / ((double) n * k), "ns");
        emitCpu("W2", c);
    }

    /** W3: one producer, one consumer, bounded queue (maxsize 100), a null end marker as Python's None. */
    void w3Queue() {
        int items = 1_000_000;
        AsyncQueue<Integer> q = new AsyncQueue<>(100);
        long t = System.nanoTime();
        long c = cpuNow();
        Coroutine<Void> prod = async(() -> {
            for (int i = 0; i < items; i++) {
                await(q.put(i));
            }
            await(q.put(null));
        });
        Coroutine<Void> cons = async(() -> {
            while (await(q.get()) != null) {
                // consume
            }
        });
        await(gather(prod, cons));
        out.emit("W3", "items_per_second", items / seconds(t), "1/s");
        emitCpu("W3", c);
    }

    /** W4: n tasks, Semaphore(limit): acquire, yield once, release. */
    void w4Semaphore() {
        int n = 100_000;
        AsyncSemaphore sem = new AsyncSemaphore(10);
        long t = System.nanoTime();
        long c = cpuNow();
        List<Coroutine<Void>> coros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            coros.add(async(() -> {
                try (var _ = await(sem.acquire())) {
                    await(sleep(0));
                }
            }));
        }
        await(gather(coros));
        out.emit("W4", "seconds", seconds(t), "s");
        emitCpu("W4", c);
    }

    /** W5: n tasks wait on one Event; time from set() until all have resumed. */
    void w5Event() {
        int n = 10_000;
        Event ev = new Event();
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(async(() -> {
                await(ev.waitUntilSet());
            })));
        }
        await(sleep(0));
        long t = System.nanoTime();
        long c = cpuNow();
        ev.set();
        await(gather(tasks));
        out.emit("W5", "seconds", seconds(t), "s");
        emitCpu("W5", c);
    }

    /** W6: n tasks sleep a random 0..max_ms; lateness = actual wake - requested. */
    void w6Timers() {
        int n = 100_000;
        double maxMs = 100;
        Random rnd = new Random(42);
        double[] delays = new double[n];
        for (int i = 0; i < n; i++) {
            delays[i] = rnd.nextDouble() * maxMs / 1000;
        }
        double[] late = new double[n];
        EventLoop loop = getRunningLoop();
        long t = System.nanoTime();
        long c = cpuNow();
        List<Coroutine<Void>> coros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int idx = i;
            coros.add(async(() -> {
                double start = loop.time();
                await(sleep(delays[idx]));
                late[idx] = loop.time() - start - delays[idx];
            }));
        }
        await(gather(coros));
        out.emit("W6", "seconds", seconds(t), "s");
        emitCpu("W6", c);
        Arrays.sort(late);
        out.emit("W6", "lateness_p50_ms", late[n / 2] * 1e3, "ms");
        out.emit("W6", "lateness_p99_ms", late[(int) (n * 0.99)] * 1e3, "ms");
    }

    /**
     * W7: RSS growth per task suspended on one Event, after a full GC, as the Python reference measures it; also the
     * growth of the live heap after a second GC (what the Kotlin peer reports), to tell the JVM's own RSS behaviour
     * apart from what a suspended task really holds.
     */
    void w7Memory() {
        int n = 100_000;
        Event ev = new Event();
        fullGc();
        long rssBefore = rssKb();
        long heapBefore = usedHeap();
        List<Task<Boolean>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(ev.waitUntilSet()));
        }
        await(sleep(0));
        long rssAfter = rssKb();
        out.emit("W7", "bytes_per_suspended_task", (rssAfter - rssBefore) * 1024.0 / n, "B");
        fullGc();
        out.emit("W7", "heap_bytes_per_suspended_task", (usedHeap() - heapBefore) / (double) n, "B");
        if (w7Histogram && !out.isMuted() && !histogramPrinted) {
            histogramPrinted = true;
            HeapHistogram.print(System.err, n, 25);
        }
        ev.set();
        await(gather(tasks));
    }

    /** W8: a plain thread completes n futures that tasks are awaiting (callSoonThreadsafe). */
    void w8CrossThread() throws InterruptedException {
        int n = 100_000;
        EventLoop loop = getRunningLoop();
        List<AsyncFuture<Integer>> futs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futs.add(loop.createFuture());
        }
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (AsyncFuture<Integer> f : futs) {
            tasks.add(createTask(async(() -> await(f))));
        }
        await(sleep(0));
        long t = System.nanoTime();
        long c = cpuNow();
        Thread th = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                AsyncFuture<Integer> f = futs.get(i);
                int value = i;
                loop.callSoonThreadsafe(() -> f.setResult(value));
            }
        });
        th.start();
        await(gather(tasks));
        th.join();
        out.emit("W8", "seconds", seconds(t), "s");
        emitCpu("W8", c);
    }

    private long cpuNow() {
        return cpu != null ? cpu.now() : 0;
    }

    private void emitCpu(String workload, long startCpu) {
        if (cpu != null) {
            out.emit(workload, "loop_cpu_ms", (cpu.now() - startCpu) / 1e6, "ms");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + " is wrong");
        }
    }

    /** Collects garbage until the live heap stops shrinking, so that memory deltas measure live objects. */
    private static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Reads VmRSS (kB) from /proc/self/status, as the Python reference does. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.split("\\s+")[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
