package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.Coroutine;
import org.javaasync.runtime.EventLoop;
import org.junit.jupiter.api.Test;

class ForgottenAwaitTest {

    @Test
    void aCoroutineThatNeverStartedWarnsWithItsName() {
        Coroutine<Integer> fetch = Asyncio.async("fetch", () -> 1);
        assertEquals(
                "RuntimeWarning: coroutine 'fetch' was never awaited (did you forget 'await'?)\n",
                ForgottenAwait.warning(fetch));
    }

    @Test
    void aCoroutineThatWasAwaitedDoesNotWarn() {
        Coroutine<Integer> fetch = Asyncio.async("fetch", () -> 1);
        EventLoop loop = EventLoop.builder().build();
        try {
            loop.runUntilComplete(loop.createTask(fetch, "t"));
        } finally {
            loop.close();
        }
        assertNull(ForgottenAwait.warning(fetch));
    }

    @Test
    void valuesThatAreNoCoroutineDoNotWarn() {
        assertNull(ForgottenAwait.warning(42));
        assertNull(ForgottenAwait.warning(null));
    }
}
