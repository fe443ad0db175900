package org.javaasync.kernel.jshell;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.NavigableMap;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Forgets the compiled class files of snippets that no later code can refer to (statements, expressions, dropped
 * temporaries), so that a long session does not make every cell slower than the last.
 *
 * <p>Why: JShell keeps every snippet's class file in its in-memory file manager, and javac lists all of them each
 * time it enters the {@code REPL} package, which happens several times per snippet. Measured in-process: {@code 1 + 1}
 * took 5.5 ms after 200 cells and 18 ms after 1,200; a quarter of the time went to {@code Symtab.listPackageModules}
 * re-reading that package. The classes themselves stay loaded in the kernel's JVM (the kernel's loader holds their
 * bytes), so a background task running a lambda of a forgotten statement keeps running; only javac stops seeing
 * classes it has no reason to see.
 *
 * <p>JShell has no API for this: the file manager is reached by reflection, which needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec passes it). Without it, or on a JDK whose
 * internals differ, {@link #forget} does nothing and cells are only slower in long sessions.
 */
final class SnippetClassFiles {

    private static final System.Logger LOG = System.getLogger(SnippetClassFiles.class.getName());

    private final Map<String, ?> classObjects;

    private SnippetClassFiles(Map<String, ?> classObjects) {
        this.classObjects = classObjects;
    }

    /** The class files of {@code jshell}'s snippets, or an instance that forgets nothing if they cannot be reached. */
    static SnippetClassFiles of(JShell jshell) {
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(jshell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            Map<String, ?> classObjects = (Map<String, ?>)
                    field(fileManager.getClass(), "classObjects").get(fileManager);
            return new SnippetClassFiles(SnippetWrappers.instance().available() ? classObjects : null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "JShell's class files cannot be pruned (" + e
                            + "); start the JVM with --add-opens jdk.jshell/jd"
                            + "k.jshell=ALL-UNNAMED. Long sessions get slower.");
            return new SnippetClassFiles(null);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /**
     * Forgets the class file of {@code snippet}'s wrapper class and of the classes nested in it (anonymous and local
     * classes). Only for snippets nothing can name: statements, expressions, temporaries already dropped.
     */
    void forget(Snippet snippet) {
        if (classObjects == null) {
            return;
        }
        String className = SnippetWrappers.instance().className(snippet);
        if (className == null) {
            return; // a snippet without a wrapper class (rejected): nothing was kept
        }
        classObjects.remove(className);
        String nestedPrefix = className + "$";
        if (classObjects instanceof NavigableMap<String, ?> sorted) {
            sorted.subMap(nestedPrefix, true, nestedPrefix + Character.MAX_VALUE, false)
                    .clear();
        } else {
            classObjects.keySet().removeIf(name -> name.startsWith(nestedPrefix));
        }
    }

    /** How many snippet class files JShell keeps (for tests). */
    int count() {
        return classObjects == null ? -1 : classObjects.size();
    }
}
