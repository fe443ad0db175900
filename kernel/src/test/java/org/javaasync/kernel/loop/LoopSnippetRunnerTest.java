package org.javaasync.kernel.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.Task;
import org.javaasync.runtime.TaskObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a cell's task ends for the kernel: the runtime marks a task done a moment before it tells the task observer, and
 * {@link LoopSnippetRunner#runCell} returns only once the kernel no longer counts the cell's task, however long that
 * moment lasts (a loop thread preempted by a busy machine), so the cell never counts its own task as left behind.
 */
class LoopSnippetRunnerTest {

    private final EventLoop loop = EventLoop.builder().build();
    private final Thread loopThread = Thread.ofPlatform().name("test-loop").start(loop::runForever);

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.callSoonThreadsafe(loop::stop);
        loopThread.join();
        loop.close();
    }

    @Test
    void aCellEndsOnlyOnceTheKernelNoLongerCountsItsTask() throws Exception {
        Set<Task<?>> counted = ConcurrentHashMap.newKeySet();
        AtomicBoolean asked = new AtomicBoolean();
        AtomicInteger events = new AtomicInteger();
        AtomicInteger toldAt = new AtomicInteger();
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void taskCreated(Task<?> task, Task<?> parent) {
                counted.add(task);
            }

            @Override
            public void taskDone(Task<?> task) {
                // The task is done already; the loop's thread is held here, as a preempted one would be, until the
                // runner has seen that and asked whether the kernel still counts the task.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!asked.get() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                counted.remove(task);
                toldAt.set(events.incrementAndGet());
            }
        });
        LoopSnippetRunner runner = new LoopSnippetRunner(
                loop,
                new LoopSnippetRunner.CellContext() {
                    @Override
                    public String taskName() {
                        return "cell[1]";
                    }

                    @Override
                    public UnaryOperator<Runnable> capture() {
                        return UnaryOperator.identity();
                    }

                    @Override
                    public void waitingForLoop() {}

                    @Override
                    public boolean stillCounted(Task<?> task) {
                        asked.set(true);
                        return counted.contains(task);
                    }
                },
                Duration.ofSeconds(2));

        assertEquals(42, runner.runCell(() -> 42));
        int returnedAt = events.incrementAndGet();

        assertTrue(asked.get(), "the runner never asked whether the cell's task is still counted");
        assertTrue(toldAt.get() > 0 && toldAt.get() < returnedAt, "the cell ended before the kernel was told");
    }
}
