package org.javaasync.kernel.jshell;

import java.lang.reflect.Method;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * The names JShell gives a snippet's code, which its API keeps to itself: the wrapper class a snippet compiles into
 * ({@code REPL.$JShell$12}; a new one each time a redefinition replaces it) and the static field that holds a
 * variable's value in it.
 *
 * <p>Reached by reflection, which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec passes
 * it). Without it every name is {@code null} and callers do without: see {@link #available()}.
 */
final class SnippetWrappers {

    private static final System.Logger LOG = System.getLogger(SnippetWrappers.class.getName());
    private static final SnippetWrappers INSTANCE = create();

    private final Method classFullName;
    private final Method fieldName;

    private SnippetWrappers(Method classFullName, Method fieldName) {
        this.classFullName = classFullName;
        this.fieldName = fieldName;
    }

    static SnippetWrappers instance() {
        return INSTANCE;
    }

    private static SnippetWrappers create() {
        try {
            Method classFullName = Snippet.class.getDeclaredMethod("classFullName");
            classFullName.setAccessible(true);
            Method fieldName = VarSnippet.class.getDeclaredMethod("fieldName");
            fieldName.setAccessible(true);
            return new SnippetWrappers(classFullName, fieldName);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "JShell's wrapper classes cannot be named (" + e + "); start the JVM with --add-opens"
                            + " jdk.jshell/jdk.jshell=ALL-UNNAMED. Variables then lose their values when a"
                            + " redefinition replaces them (the cell says so).");
            return new SnippetWrappers(null, null);
        }
    }

    /** Whether the names can be read at all. */
    boolean available() {
        return classFullName != null;
    }

    /** The full name of {@code snippet}'s wrapper class now, or {@code null} (none yet, or not available). */
    String className(Snippet snippet) {
        if (classFullName == null) {
            return null;
        }
        try {
            return (String) classFullName.invoke(snippet);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a snippet without a wrapper class (rejected)
        }
    }

    /** The name of the static field holding {@code variable}'s value; its name unless JShell chose another. */
    String fieldName(VarSnippet variable) {
        if (fieldName != null) {
            try {
                String name = (String) fieldName.invoke(variable);
                if (name != null) {
                    return name;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to the variable's name, which is the field's for every named variable
            }
        }
        return variable.name();
    }
}
