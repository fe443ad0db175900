package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.javaasync.kernel.evaluator.CellInterruptedError;
import org.junit.jupiter.api.Test;

class ThreadSnippetRunnerTest {

    private final ThreadSnippetRunner runner = new ThreadSnippetRunner(Duration.ofMillis(300));

    @Test
    void snippetsRunOnOneKernelOwnedThreadNamedJshellCell() throws Throwable {
        Thread first = (Thread) runner.run(Thread::currentThread);
        Thread second = (Thread) runner.run(Thread::currentThread);
        assertEquals("jshell-cell", first.getName());
        assertSame(first, second);
    }

    @Test
    void closeEndsTheIdleSnippetThread() throws Throwable {
        Thread thread = (Thread) runner.run(Thread::currentThread);
        runner.close();
        thread.join(10_000);
        assertEquals(false, thread.isAlive());
    }

    @Test
    void whatTheSnippetThrowsIsRethrownAsItIs() {
        IllegalStateException thrown = new IllegalStateException("boom");
        assertSame(
                thrown,
                assertThrows(
                        IllegalStateException.class,
                        () -> runner.run(() -> {
                            throw thrown;
                        })));
    }

    @Test
    void anInterruptEndsABlockingWait() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> runQuietly(() -> {
            started.countDown();
            Thread.sleep(60_000);
            return "slept";
        }));
        started.await();
        runner.interrupt();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        assertEquals(InterruptedException.class, failure.getCause().getCause().getClass());
    }

    @Test
    void aSnippetThatIgnoresTheInterruptIsAbandonedAndTheNextRunsOnAFreshThread() throws Throwable {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> stuck = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> runQuietly(() -> {
            stuck.set(Thread.currentThread());
            started.countDown();
            while (release.getCount() > 0) {
                Thread.onSpinWait(); // ignores interrupts, like a JDK method stuck in a loop
            }
            return "finished late";
        }));
        started.await();
        runner.interrupt();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        assertEquals(CellInterruptedError.class, failure.getCause().getCause().getClass());
        Thread next = (Thread) runner.run(Thread::currentThread);
        assertNotSame(stuck.get(), next);
        assertEquals("jshell-cell", next.getName());
        release.countDown();
    }

    private Object runQuietly(Callable<Object> snippet) {
        try {
            return runner.run(snippet);
        } catch (Throwable e) {
            throw new RuntimeException(e);
        }
    }
}
