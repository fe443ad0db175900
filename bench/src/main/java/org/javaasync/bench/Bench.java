package org.javaasync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.javaasync.runtime.AsyncRunnable;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;

/**
 * The runtime's benchmark: workloads W1-W8 of {@code shared/bench/asyncio_ref.py}, printed as the same JSON lines
 * (peer {@code java-async}). A warm-up round of every selected workload (not reported) comes first, then each
 * workload runs {@code --reps} times (default 3), each repetition on a fresh loop, as the reference runs each
 * repetition in a fresh {@code asyncio.run}.
 *
 * <pre>
 * Bench [--reps N] [--only W1,W3] [--peer NAME] [--portable] [--cold] [--w7-histogram] [--floors] [--cpu]
 *   --portable      use the runtime's portable scheduler instead of loop-scheduled virtual threads
 *   --cold          no warm-up: run the selected workloads once, as a fresh JVM meets them (reported as W1-cold, ...)
 *   --w7-histogram  the first reported W7 prints a heap histogram of its 100k suspended tasks to stderr
 *   --floors        instead of the workloads, what W2, W5 and W7 cost on the bare JDK mechanism ({@link Floors})
 *   --cpu           each timed workload also reports the loop thread's CPU time ({@link LoopCpuClock})
 * </pre>
 */
public final class Bench {
    private Bench() {}

    /** Runs the benchmark; see the class comment for the flags. */
    public static void main(String[] args) throws Throwable {
        int reps = 3;
        Set<String> only = null;
        String peer = null;
        boolean portable = false;
        boolean cold = false;
        boolean w7Histogram = false;
        boolean floors = false;
        boolean cpu = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--peer" -> peer = args[++i];
                case "--portable" -> portable = true;
                case "--cold" -> cold = true;
                case "--w7-histogram" -> w7Histogram = true;
                case "--floors" -> floors = true;
                case "--cpu" -> cpu = true;
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: Bench [--reps N] [--only W1,W3] [--peer NAME] [--portable] [--cold]"
                            + " [--w7-histogram] [--floors] [--cpu]");
            }
        }
        if (floors) {
            runFloors(reps);
            return;
        }
        if (peer == null) {
            peer = portable ? "java-async-portable" : "java-async";
        }
        Report report = new Report(peer, "");
        Workloads w = new Workloads(report, w7Histogram, cpu ? new LoopCpuClock() : null);
        Map<String, AsyncRunnable> all = workloads(w);
        List<String> selected = new ArrayList<>();
        for (String name : all.keySet()) {
            if (only == null || only.contains(name)) {
                selected.add(name);
            }
        }
        Loops loops = new Loops(portable);
        if (cold) {
            // A fresh JVM's first contact with each workload: no warm-up, one run, reported as "W1-cold" etc.
            Workloads coldRun = new Workloads(new Report(peer, "-cold"));
            Map<String, AsyncRunnable> coldBodies = workloads(coldRun);
            for (String name : selected) {
                loops.run(coldBodies.get(name));
            }
            return;
        }
        report.mute(true);
        for (String name : selected) {
            loops.run(all.get(name));
            System.gc();
        }
        report.mute(false);
        for (String name : selected) {
            for (int r = 0; r < reps; r++) {
                loops.run(all.get(name));
                System.gc();
            }
        }
    }

    /** Warm-up rounds, then {@code reps} rounds of {@link Floors}. */
    private static void runFloors(int reps) throws Throwable {
        Report vthreads = new Report("vthread-floor", "");
        Report continuations = new Report("continuation-floor", "");
        Floors floors = new Floors(vthreads, continuations);
        vthreads.mute(true);
        continuations.mute(true);
        // More warm-up than the workloads get: the floors are small loops, and W7's figure depends on whether the
        // frames of a parked thread are compiled yet (interpreted frames are several times larger).
        for (int r = 0; r < 5; r++) {
            floors.run();
        }
        vthreads.mute(false);
        continuations.mute(false);
        for (int r = 0; r < reps; r++) {
            floors.run();
        }
    }

    private static Map<String, AsyncRunnable> workloads(Workloads w) {
        Map<String, AsyncRunnable> all = new LinkedHashMap<>();
        all.put("W1", w::w1SpawnGather);
        all.put("W2", w::w2Switch);
        all.put("W3", w::w3Queue);
        all.put("W4", w::w4Semaphore);
        all.put("W5", w::w5Event);
        all.put("W6", w::w6Timers);
        all.put("W7", w::w7Memory);
        all.put("W8", w::w8CrossThread);
        return all;
    }

    /** Runs each repetition on a fresh loop of the chosen scheduler. */
    private record Loops(boolean portable) {
        void run(AsyncRunnable body) {
            EventLoop.Builder builder = EventLoop.builder();
            if (portable) {
                builder.scheduler(EventLoop.Scheduler.PORTABLE);
            }
            Asyncio.run(Asyncio.async("bench", body), builder.build());
        }
    }
}
