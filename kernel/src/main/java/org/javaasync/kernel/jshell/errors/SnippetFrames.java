package org.javaasync.kernel.jshell.errors;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.javaasync.kernel.trace.JShellNames;

/**
 * Places a raw stack frame of snippet code ({@code REPL.$JShell$12.fetch}, line 7 of JShell's generated wrapper) at
 * its snippet and snippet line, as JShell does for exceptions a snippet throws at once. JShell only does that for
 * the exceptions of {@code eval}; a task that fails later, in the background, carries raw frames, and its report
 * should still point at the cell and line the user wrote.
 *
 * <p>JShell has no API for this: its wrapper map is reached by reflection, which needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec passes it). Without it, {@link #place}
 * returns {@code null} and reports fall back to naming the method only.
 */
public final class SnippetFrames {

    /** A snippet and a line in it (from 1). */
    public record Place(String snippetId, int line) {}

    private static final System.Logger LOG = System.getLogger(SnippetFrames.class.getName());
    private static final String WRAPPER_PREFIX = "$JShell$";

    // Wrappers of the classes JShell has loaded, captured under JShell's lock when they load: a wrapper never changes
    // once made, so frames of those classes are placed without the lock, which a long compile (the background
    // warm-up's, early in a session) may hold for longer than a printed trace should wait.
    private final Map<String, Object> loaded = new ConcurrentHashMap<>();
    private final Object outerMap;
    private final Method getOuter;
    private final Method wrapLineToSnippetLine;
    private final Method wrapLineToSnippet;

    private SnippetFrames(Object outerMap, Method getOuter, Method wrapLineToSnippetLine, Method wrapLineToSnippet) {
        this.outerMap = outerMap;
        this.getOuter = getOuter;
        this.wrapLineToSnippetLine = wrapLineToSnippetLine;
        this.wrapLineToSnippet = wrapLineToSnippet;
    }

    /** The frames of {@code jshell}'s snippets, or an instance that places nothing if they cannot be reached. */
    public static SnippetFrames of(JShell jshell) {
        try {
            Field field = JShell.class.getDeclaredField("outerMap");
            field.setAccessible(true);
            Object outerMap = field.get(jshell);
            Method getOuter = accessible(outerMap.getClass().getDeclaredMethod("getOuter", String.class));
            Class<?> outerWrap = getOuter.getReturnType(); // OuterSnippetsClassWrap
            Method toLine = accessible(outerWrap.getSuperclass().getDeclaredMethod("wrapLineToSnippetLine", int.class));
            Method toSnippet = accessible(outerWrap.getDeclaredMethod("wrapLineToSnippet", int.class));
            return new SnippetFrames(outerMap, getOuter, toLine, toSnippet);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Frames of background tasks cannot be placed at cell lines (" + e
                            + "); start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.");
            return new SnippetFrames(null, null, null, null);
        }
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    /** Remembers the wrapper of snippet class {@code className}, just loaded. Call it with JShell's lock held. */
    public void loaded(String className) {
        if (outerMap == null) {
            return;
        }
        try {
            Object outer = getOuter.invoke(outerMap, className);
            if (outer != null) {
                loaded.put(className, outer);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a nested class, or internals that differ: placed under the lock later, or not at all
        }
    }

    /** Where {@code frame} is, if its class was seen loading ({@link #loaded}); needs no lock. */
    public Place placeLoaded(StackTraceElement frame) {
        Object outer = loaded.get(frame.getClassName());
        return outer == null || frame.getLineNumber() < 1 ? null : placeIn(outer, frame);
    }

    /**
     * Where {@code frame} is in the user's snippets, or {@code null} when it is not snippet code or cannot be placed.
     * Reads JShell's state: call it with the evaluator's lock held.
     */
    public Place place(StackTraceElement frame) {
        if (outerMap == null || !frame.getClassName().startsWith("REPL.") || frame.getLineNumber() < 1) {
            return null;
        }
        try {
            Object outer = getOuter.invoke(outerMap, frame.getClassName());
            return outer == null ? null : placeIn(outer, frame);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The frames of an exception that snippet code threw, as JShell gives them for the exceptions of {@code eval}:
     * cut below the last frame of a snippet wrapper class (reflection and the kernel, which called the snippet),
     * and each snippet frame as class (without JShell's wrapper prefix; empty for the wrapper itself), method
     * (empty for the snippet's entry {@code do_it$}), file {@code #id} and the snippet's line. Frames that cannot be
     * placed stay as they are. Reads JShell's state: call it with the evaluator's lock held.
     */
    public StackTraceElement[] translate(StackTraceElement[] raw) {
        int last = raw.length - 1;
        while (last >= 0 && !raw[last].getClassName().contains(WRAPPER_PREFIX)) {
            last--;
        }
        if (last < 0) {
            last = raw.length - 1; // no snippet frame at all (a trace cut short): keep everything
        }
        List<StackTraceElement> translated = new ArrayList<>(last + 1);
        for (int i = 0; i <= last; i++) {
            StackTraceElement frame = raw[i];
            if (i > 0
                    && frame.getMethodName().equals("do_it$")
                    && raw[i - 1].getMethodName().equals("do_it$Aux")
                    && frame.getClassName().equals(raw[i - 1].getClassName())) {
                continue; // JShell's entry calling the helper it computes a variable's value in: one cell frame
            }
            Place place = frame.getClassName().startsWith("REPL.") ? placeLoaded(frame) : null;
            if (place == null && frame.getClassName().startsWith("REPL.")) {
                place = place(frame);
            }
            if (place == null) {
                translated.add(frame);
                continue;
            }
            String className = JShellNames.scrub(frame.getClassName());
            translated.add(new StackTraceElement(
                    className.equals("<cell>") ? "" : className, // the wrapper itself: the cell's own code
                    frame.getMethodName().equals("do_it$") ? "" : frame.getMethodName(),
                    "#" + place.snippetId(),
                    place.line()));
        }
        return translated.toArray(StackTraceElement[]::new);
    }

    private Place placeIn(Object outer, StackTraceElement frame) {
        try {
            int wrapLine = frame.getLineNumber() - 1;
            Snippet snippet = (Snippet) wrapLineToSnippet.invoke(outer, wrapLine);
            if (snippet == null) {
                return null;
            }
            return new Place(snippet.id(), (int) wrapLineToSnippetLine.invoke(outer, wrapLine) + 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
