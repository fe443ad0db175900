package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each case starts a cell that would run forever, interrupts it from another thread once it is running, and checks
 * that it stopped as interrupted and that the next cell runs. The only time bound is a generous guard against a hang.
 */
class InterruptTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JShellEvaluator();
        evaluator.eval("java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    /** Runs {@code cell}, which counts down {@code started} once running, interrupts it, returns its outcome. */
    private static EvalOutcome.Error interruptAfterStart(String cell) throws Exception {
        evaluator.eval("started = new java.util.concurrent.CountDownLatch(1);");
        CountDownLatch started = (CountDownLatch) EvaluationTest.value(evaluator.eval("started"));
        CellRun run = CellRun.of(1000);
        CompletableFuture<EvalOutcome> outcome = CompletableFuture.supplyAsync(() -> evaluator.eval(cell, run));
        assertTrue(started.await(30, TimeUnit.SECONDS), "the cell did not start");
        Thread.sleep(50); // let it get into the loop or the blocking call
        long interruptedAt = System.nanoTime();
        run.interrupt().interrupt();
        EvalOutcome result = outcome.get(30, TimeUnit.SECONDS);
        Duration stoppedIn = Duration.ofNanos(System.nanoTime() - interruptedAt);
        System.out.println(
                "stopped " + cell.lines().reduce((a, b) -> b).orElse("") + " in " + stoppedIn.toMillis() + " ms");
        EvalOutcome.Error error = assertInstanceOf(EvalOutcome.Error.class, result);
        assertEquals(EvalOutcome.Kind.INTERRUPTED, error.kind(), () -> String.join("\n", error.traceback()));
        assertEquals(2, EvaluationTest.value(evaluator.eval("1 + 1")));
        return error;
    }

    @Test
    void aCpuLoopWithNoJdkCallStops() throws Exception {
        EvalOutcome.Error error =
                interruptAfterStart("long spins = 0;\n{\n    started.countDown();\n    while (true) { spins++; }\n}");
        assertEquals("Interrupted", error.ename());
        assertEquals("    at <cell>(line 4)", error.traceback().get(1), () -> String.join("\n", error.traceback()));
    }

    @Test
    void aLoopInsideAUserMethodStops() throws Exception {
        evaluator.eval("void spin() { int x = 0; do { x ^= 1; } while (x < 2); }");
        interruptAfterStart("{ started.countDown(); spin(); }");
    }

    @Test
    void aSleepingCellStops() throws Exception {
        interruptAfterStart("{ started.countDown(); Thread.sleep(60_000); }");
    }

    @Test
    void aCellBlockedOnAQueueStops() throws Exception {
        interruptAfterStart("var queue = new LinkedBlockingQueue<String>();\n{ started.countDown(); queue.take(); }");
    }

    @Test
    void aCellThatSwallowsInterruptsInALoopStillStops() throws Exception {
        interruptAfterStart("""
                {
                    started.countDown();
                    while (true) {
                        try { Thread.sleep(60_000); } catch (InterruptedException ignored) { }
                    }
                }
                """);
    }

    @Test
    void anInterruptOfAFinishedCellDoesNotStopTheNextCell() {
        CellRun finished = CellRun.of(2000);
        evaluator.eval("int before = 1;", finished);
        finished.interrupt().interrupt();
        assertEquals(45, EvaluationTest.value(evaluator.eval("int s = 0; for (int i = 0; i < 10; i++) s += i;\ns")));
    }

    @Test
    void aCellInterruptedBeforeItStartsRunsNothing() {
        CellRun run = CellRun.of(3000);
        run.interrupt().interrupt();
        EvalOutcome.Error error =
                assertInstanceOf(EvalOutcome.Error.class, evaluator.eval("int notDeclared = 1;", run));
        assertEquals(EvalOutcome.Kind.INTERRUPTED, error.kind());
        assertInstanceOf(EvalOutcome.Error.class, evaluator.eval("notDeclared"), "the interrupted cell declared it");
    }
}
