package org.javaasync.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;

/**
 * Access to the JDK's package-private factory of virtual threads with a custom scheduler,
 * {@code java.lang.ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)} (JDK 21 to 25). Reaching it
 * needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}; without it {@link #AVAILABLE} is false and loops use the
 * portable scheduler.
 */
final class LoopVirtualThreads {
    private static final MethodHandle NEW_THREAD;
    static final String UNAVAILABLE_REASON;
    static final boolean AVAILABLE;

    static {
        // Blocking socket I/O of a virtual thread waits in the JDK's I/O poller. On Linux the JDK's default pollers
        // are themselves virtual threads (jdk.pollerMode=2), and a thread of a custom scheduler that parks in them is
        // never woken: `new Socket(host, port)` in a task hangs (JDK 25). Pollers on platform threads (mode 1) wake
        // it. The poller reads the property once, at its first use, which comes after a loop exists; a mode set on
        // the command line is left alone.
        if (System.getProperty("jdk.pollerMode") == null) {
            System.setProperty("jdk.pollerMode", "1");
        }
        MethodHandle handle = null;
        String reason = null;
        try {
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builders, MethodHandles.lookup());
            handle = lookup.findStatic(
                    builders,
                    "newVirtualThread",
                    MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
            // Prove it works: a thread that is created but never started costs nothing.
            Thread probe = (Thread) handle.invokeExact((Executor) Runnable::run, (String) null, 0, (Runnable) () -> {});
            if (!probe.isVirtual()) {
                throw new IllegalStateException("not a virtual thread");
            }
        } catch (Throwable t) {
            handle = null;
            reason = t.getClass().getSimpleName() + ": " + t.getMessage()
                    + " (start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED)";
        }
        NEW_THREAD = handle;
        UNAVAILABLE_REASON = reason;
        AVAILABLE = handle != null;
    }

    private LoopVirtualThreads() {}

    static Thread newThread(Executor scheduler, String name, Runnable body) {
        try {
            return (Thread) NEW_THREAD.invokeExact(scheduler, name, 0, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a loop-scheduled virtual thread", t);
        }
    }
}
