package org.javaasync.kernel.jshell;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.TypeDeclSnippet;

/**
 * Keeps JShell's documentation working after a class stops being active. JShell (through JDK 25) lists the keys of
 * every class ever declared when it prints a method's signature, and looks up each key's snippet, which is
 * {@code null} once that class was dropped or its redefinition was rejected: a {@code NullPointerException} that
 * {@code SourceCodeAnalysis.documentation} swallows, so that from then on {@code Math.max?} and Shift-Tab found
 * nothing for the rest of the session. A cell that redefines a class with a compile error is enough.
 *
 * <p>The fix replaces JShell's map of class keys (reached by reflection: {@code --add-opens
 * jdk.jshell/jdk.jshell=ALL-UNNAMED}, which the kernelspec passes) with one whose {@code values()}, the only view
 * that listing reads, holds the keys of active classes only. Lookups and insertions, which key a redefinition to its
 * earlier declaration, are untouched. Without the opening nothing changes.
 */
final class InactiveTypeKeys {

    private static final System.Logger LOG = System.getLogger(InactiveTypeKeys.class.getName());

    private InactiveTypeKeys() {}

    /** Installs the filter in {@code jshell}; logs and does nothing if JShell's internals cannot be reached. */
    static void install(JShell jshell) {
        try {
            Field keyMapField = JShell.class.getDeclaredField("keyMap");
            keyMapField.setAccessible(true);
            Object keyMap = keyMapField.get(jshell);
            Field classMapField = keyMap.getClass().getDeclaredField("classMap");
            classMapField.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> original = (Map<String, Object>) classMapField.get(keyMap);
            classMapField.set(keyMap, new ActiveValues(original, jshell));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Documentation may stop working after a class is dropped or its " + "redefinition fails (" + e
                            + "); start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.");
        }
    }

    /** JShell's class-key map, in insertion order, whose {@code values()} leaves out inactive classes. */
    private static final class ActiveValues extends LinkedHashMap<String, Object> {

        private final transient JShell jshell;

        ActiveValues(Map<String, Object> keys, JShell jshell) {
            super(keys);
            this.jshell = jshell;
        }

        @Override
        public Collection<Object> values() {
            Set<String> active = jshell.types().map(TypeDeclSnippet::name).collect(Collectors.toSet());
            Collection<Object> values = new ArrayList<>();
            for (Map.Entry<String, Object> entry : entrySet()) {
                if (active.contains(entry.getKey())) {
                    values.add(entry.getValue());
                }
            }
            return values;
        }
    }
}
