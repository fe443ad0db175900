package org.javaasync.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reports made when an object is garbage collected in a state that points at a bug: a coroutine that was never
 * awaited, a future whose exception nobody retrieved. One shared {@link Cleaner} thread for the whole runtime; the
 * tracked state never references the tracked object, or it would never be collected.
 */
final class LeakReports {
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, "javaasync-leak-reports");
        t.setDaemon(true);
        return t;
    });

    private LeakReports() {}

    /** What a {@link Cleaner} action needs to know; {@link #settle()} marks the object as properly used. */
    static final class Tracker implements Runnable {
        private final Runnable report;
        private volatile boolean settled;

        Tracker(Runnable report) {
            this.report = report;
        }

        void settle() {
            settled = true;
        }

        boolean isSettled() {
            return settled;
        }

        @Override
        public void run() {
            if (!settled) {
                report.run();
            }
        }
    }

    /** Reports {@code message} to {@code reporter} if {@code watched} is collected unsettled (debug reports). */
    static Tracker track(Object watched, String message, Consumer<String> reporter) {
        Tracker tracker = new Tracker(() -> reporter.accept(message));
        CLEANER.register(watched, tracker);
        return tracker;
    }

    /**
     * Hands {@code report} to the loop's exception handler, run in {@code runIn}, if {@code watched} is collected
     * unsettled ("exception was never retrieved").
     */
    static Tracker trackFailure(Object watched, EventLoop loop, Map<String, Object> report, Context runIn) {
        Tracker tracker = new Tracker(() -> loop.callExceptionHandler(report, runIn));
        CLEANER.register(watched, tracker);
        return tracker;
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static String stackTrace(StackTraceElement[] frames) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement frame : frames) {
            out.append("\tat ").append(frame).append('\n');
        }
        return out.toString();
    }
}
