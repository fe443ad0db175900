package org.javaasync.runtime;

import static org.javaasync.runtime.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs in a JVM started without {@code --add-opens java.base/java.lang=ALL-UNNAMED} and with
 * {@code -Djavaasync.debug=true} (a second surefire execution): the runtime must notice the missing flag and fall back
 * to the portable scheduler on its own, and the property must turn debug mode on.
 */
@Tag("without-add-opens")
class WithoutAddOpensTest {

    @Test
    void withoutTheAddOpensLoopsFallBackToThePortableScheduler() {
        assertFalse(LoopVirtualThreads.AVAILABLE, "this JVM was started with the --add-opens");
        assertEquals(EventLoop.Scheduler.PORTABLE, EventLoop.builder().build().scheduler());
        var e = assertThrows(
                IllegalStateException.class, () -> EventLoop.builder().scheduler(EventLoop.Scheduler.VIRTUAL_THREADS));
        assertTrue(e.getMessage().contains("--add-opens java.base/java.lang=ALL-UNNAMED"), e.getMessage());
        assertEquals(3, Asyncio.run(async(() -> await(sleep(0.001, 3)))));
    }

    @Test
    void theJavaasyncDebugPropertyTurnsDebugModeOnForEveryNewLoop() {
        assertEquals("true", System.getProperty("javaasync.debug"), "this execution sets -Djavaasync.debug=true");
        assertTrue(EventLoop.builder().build().isDebug());
        assertTrue(Asyncio.run(async(() -> getRunningLoop().isDebug())));
    }
}
