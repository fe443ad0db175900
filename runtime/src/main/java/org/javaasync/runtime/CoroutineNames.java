package org.javaasync.runtime;

import java.util.List;
import java.util.Set;

/**
 * Names for coroutines created without one, after Python, which names a coroutine after its function. Walking the
 * stack costs microseconds, so it is done only in debug mode; otherwise the name comes from the body's class.
 */
final class CoroutineNames {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String RUNTIME_PACKAGE = "org.javaasync.runtime.";
    // Only the runtime's own frames are skipped (not every class of the package: tests live there too).
    private static final Set<String> RUNTIME_CLASSES = Set.of(
            "Asyncio",
            "Coroutine",
            "CoroutineNames",
            "EventLoop",
            "Task",
            "AsyncFuture",
            "TaskGroup",
            "Timeout",
            "TimeoutError",
            "AwaitTraces",
            "TaskScopes",
            "CancelScope",
            "Waiting",
            "AsCompleted",
            "Combinators",
            "Sleep");

    private CoroutineNames() {}

    /** The first method outside the runtime on the stack: {@code fetch} for {@code fetch()} returning async(...). */
    static String fromCaller() {
        return WALKER.walk(frames -> frames.filter(f -> !isRuntimeFrame(f.getClassName()))
                .findFirst()
                .map(f -> f.getMethodName().startsWith("lambda$") ? lambdaOwner(f.getMethodName()) : f.getMethodName())
                .orElse("<coroutine>"));
    }

    static StackTraceElement[] creationStack() {
        List<StackTraceElement> frames = WALKER.walk(s -> s.filter(f -> !isRuntimeFrame(f.getClassName()))
                .limit(12)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList());
        return frames.toArray(StackTraceElement[]::new);
    }

    /** The first frame of {@code stack} outside the runtime: who called into it. */
    static StackTraceElement firstCaller(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (!isRuntimeFrame(frame.getClassName())) {
                return frame;
            }
        }
        return null;
    }

    /** The frame of the first method outside the runtime on the calling thread's stack. */
    static StackTraceElement callerFrame() {
        return WALKER.walk(frames -> frames.filter(f -> !isRuntimeFrame(f.getClassName()))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
    }

    /** The calling thread's stack from its first frame outside the runtime down. */
    static StackTraceElement[] callerStack() {
        return WALKER.walk(frames -> frames.dropWhile(f -> isRuntimeFrame(f.getClassName()))
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .toList())
                .toArray(StackTraceElement[]::new);
    }

    /** {@code Main$$Lambda/0x...} → {@code <lambda in Main>}. */
    static String fromBody(Object body) {
        return fromBodyClass(body.getClass());
    }

    /** As {@link #fromBody}, from the body's class. */
    static String fromBodyClass(Class<?> bodyClass) {
        String className = bodyClass.getName();
        int lambda = className.indexOf("$$Lambda");
        if (lambda < 0) {
            return bodyClass.getSimpleName();
        }
        String owner = className.substring(0, lambda);
        return "<lambda in " + owner.substring(owner.lastIndexOf('.') + 1) + ">";
    }

    private static String lambdaOwner(String lambdaMethod) {
        // javac names a lambda body lambda$enclosingMethod$N.
        String[] parts = lambdaMethod.split("\\$");
        return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : "<lambda>";
    }

    private static boolean isRuntimeFrame(String className) {
        if (!className.startsWith(RUNTIME_PACKAGE) || className.indexOf('.', RUNTIME_PACKAGE.length()) >= 0) {
            return false;
        }
        String simple = className.substring(RUNTIME_PACKAGE.length());
        int nested = simple.indexOf('$');
        return RUNTIME_CLASSES.contains(nested < 0 ? simple : simple.substring(0, nested));
    }
}
