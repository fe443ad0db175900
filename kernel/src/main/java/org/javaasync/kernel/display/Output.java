package org.javaasync.kernel.display;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Finds the {@link OutputSink} of the code running now. There is one lookup point on purpose: the kernel installs it
 * once ({@link #setLookup}); with top-level await, it answers with the sink of the cell that created the running task,
 * so that output of a background task lands in its own cell.
 *
 * <p>Until the kernel installs a lookup, or when the lookup has no sink, output goes to {@link #fallback()}, which
 * prints text to {@code System.out} (handy when the evaluator runs outside a kernel, as in tests and benchmarks).
 */
public final class Output {

    private static final OutputSink FALLBACK = new ConsoleSink();
    private static volatile Supplier<OutputSink> lookup = () -> null;

    private Output() {}

    /** The sink for output written now, by the calling thread or task; never {@code null}. */
    public static OutputSink current() {
        OutputSink sink = lookup.get();
        return sink != null ? sink : FALLBACK;
    }

    /** Installs how the current sink is found; the lookup may return {@code null} for "no sink here". */
    public static void setLookup(Supplier<OutputSink> newLookup) {
        lookup = Objects.requireNonNull(newLookup, "lookup");
    }

    /** Shorthand for a lookup that always answers {@code sink}; {@code null} restores the fallback. */
    public static void setSink(OutputSink sink) {
        setLookup(() -> sink);
    }

    /** The sink used when no other is installed: text representations printed to {@code System.out}. */
    public static OutputSink fallback() {
        return FALLBACK;
    }

    /** Prints what it gets as text: streams as they are, displays by their text/plain form. */
    private static final class ConsoleSink implements OutputSink {
        @Override
        public void stream(String name, String text) {
            (name.equals("stderr") ? System.err : System.out).print(text);
        }

        @Override
        public void display(MimeBundle bundle, String displayId, boolean update) {
            Object text = bundle.data().get("text/plain");
            System.out.println(text != null ? text : bundle.data().keySet());
        }

        @Override
        public void clearOutput(boolean wait) {
            // A console cannot take back what it printed.
        }
    }
}
