package org.javaasync.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where an exception crossed from one task to another: the stacks of the awaits that rethrew it. Python's traceback
 * grows as an exception propagates, so awaiting a failed task shows the task's lines and the awaiting line; a Java
 * exception's stack trace is fixed where it was made (in the failed task), so the runtime remembers each await that
 * rethrows a future's exception, for tools that show where it was awaited ({@code failing(line 2)}, then
 * {@code <cell>(line 5)}). Awaiting a coroutine needs nothing: it runs inline, its frames are already in the stack.
 *
 * <p>Kept weakly (an exception nobody references is forgotten with its entries), at most {@value #MAX_AWAITS} awaits
 * per exception, in the order they happened. Recording costs a stack walk, on the failing path only. Thread-safe.
 */
public final class AwaitTraces {
    /** Python keeps every re-raise; a bound keeps an exception awaited in a loop from growing without end. */
    static final int MAX_AWAITS = 8;

    /** Identity keys: {@code Throwable} does not override {@code equals}. */
    private static final Map<Throwable, List<StackTraceElement[]>> AWAITS = new WeakHashMap<>();

    private AwaitTraces() {}

    /**
     * Returns the stacks of the awaits that rethrew {@code exception} from a future (a failed task, a {@code gather},
     * a future set by other code), oldest first; each from the frame that called {@code await} (the runtime's own
     * frames above it left out) down to the bottom of the awaiting task.
     *
     * @param exception an exception an await rethrew, or any other
     * @return the stacks, oldest first; empty if no await rethrew it
     */
    public static List<StackTraceElement[]> of(Throwable exception) {
        synchronized (AWAITS) {
            List<StackTraceElement[]> awaits = AWAITS.get(exception);
            return awaits == null
                    ? List.of()
                    : awaits.stream().map(StackTraceElement[]::clone).toList();
        }
    }

    /** Remembers that the calling task's await rethrows {@code exception} from a future. */
    static void record(Throwable exception) {
        StackTraceElement[] here = CoroutineNames.callerStack();
        synchronized (AWAITS) {
            List<StackTraceElement[]> awaits = AWAITS.computeIfAbsent(exception, e -> new ArrayList<>(2));
            if (awaits.size() < MAX_AWAITS) {
                awaits.add(here);
            }
        }
    }
}
