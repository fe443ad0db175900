package org.javaasync.kernel.trace;

/**
 * Where a raw stack frame of cell code is, as the user sees it: {@code "cell 3, line 2"}. The evaluator knows (it
 * compiled the cells); traces shown outside an evaluation, such as the failure of a background task, ask it.
 */
@FunctionalInterface
public interface FrameLocator {

    /** A locator that places nothing. */
    FrameLocator NONE = frame -> null;

    /**
     * The frame's place, or {@code null} when it is not cell code or cannot be placed. Any thread; never waits long.
     */
    String locate(StackTraceElement frame);
}
