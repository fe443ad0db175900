package org.javaasync.kernel.jshell.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;
import jdk.jshell.JShell;
import org.javaasync.kernel.jshell.JShellEvaluator;

/**
 * Where a cell's time goes, without JUnit: run with the command in {@code docs/evaluator.md} ("Performance").
 * Prints medians and 90th percentiles of warm operations; no assertion, numbers only.
 */
public final class EvaluatorBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EvaluatorBenchmark() {}

    /** Runs every measurement and prints one line each. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long t0 = System.nanoTime();
        JShellEvaluator evaluator = new JShellEvaluator();
        report("construct evaluator (JShell + default imports)", System.nanoTime() - t0);
        t0 = System.nanoTime();
        evaluator.eval("1 + 1");
        report("first eval 1 + 1 (cold)", System.nanoTime() - t0);
        t0 = System.nanoTime();
        evaluator.warmUp().get();
        report("warmUp()", System.nanoTime() - t0);

        measure("eval 1 + 1 (just warmed up)", rounds, () -> evaluator.eval("1 + 1"));
        for (int i = 0; i < 3; i++) {
            measure("eval 1 + 1 (after " + (i + 1) * rounds + " more)", rounds, () -> evaluator.eval("1 + 1"));
        }
        measure("eval int x = 1; (declaration)", rounds, () -> evaluator.eval("int x = 1;"));
        measure("eval 3-snippet cell", rounds / 2, () -> evaluator.eval("int a = 2;\nint b = a * 3;\na + b"));
        measure("eval method declaration", rounds / 2, () -> evaluator.eval("int sq(int v) { return v * v; }"));
        measure("eval compile error", rounds / 2, () -> evaluator.eval("int bad = \"x\";"));
        measure("complete \"hello\".len", rounds, () -> evaluator.complete("\"hello\".len", 11));
        measure("complete Math.ma", rounds, () -> evaluator.complete("Math.ma", 7));
        measure("complete Str (top level)", rounds / 4, () -> evaluator.complete("Str", 3));
        measure("isComplete for (...) {", rounds, () -> evaluator.isComplete("for (int i = 0; i < 3; i++) {"));
        measure("inspect Math.max", rounds / 4, () -> evaluator.inspect("Math.max", 8, 0));
        evaluator.close();

        // The same JShell steps without the kernel: splitting and evaluating, to see what JShell itself costs.
        try (JShell plain = JShell.builder().executionEngine("local").build()) {
            plain.eval("1 + 1");
            measure(
                    "plain JShell analyzeCompletion(1 + 1)",
                    rounds,
                    () -> plain.sourceCodeAnalysis().analyzeCompletion("1 + 1"));
            measure("plain JShell eval(1 + 1) local engine", rounds, () -> plain.eval("1 + 1"));
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used after run: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /**
     * Wall time and the calling thread's CPU time: on a shared, loaded machine the wall time mostly measures the
     * other processes, while the CPU time measures the work (javac runs on the calling thread).
     */
    private static void measure(String name, int rounds, Supplier<?> operation) {
        for (int i = 0; i < Math.max(10, rounds / 5); i++) {
            operation.get();
        }
        long[] wall = new long[rounds];
        long[] cpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            operation.get();
            wall[i] = System.nanoTime() - start;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(
                "%-42s wall median %7.2f min %6.2f | cpu median %6.2f p90 %6.2f min %6.2f ms (n=%d)%n",
                name,
                wall[rounds / 2] / 1e6,
                wall[0] / 1e6,
                cpu[rounds / 2] / 1e6,
                cpu[rounds * 9 / 10] / 1e6,
                cpu[0] / 1e6,
                rounds);
    }

    private static void report(String name, long nanos) {
        System.out.printf("%-50s %7.1f ms%n", name, nanos / 1e6);
    }
}
