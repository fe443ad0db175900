package org.javaasync.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jshell.VarSnippet;

/**
 * Keeps the values of variables when JShell replaces their wrapper class.
 *
 * <p>A variable lives in a static field of its snippet's wrapper class. When something it depends on is redefined
 * ({@code int twice(int)} again, after {@code var total = twice(21);}), JShell recompiles the variable. Its own engine
 * redefines the class in place where the class's shape allows, and the value stays; the in-process engine cannot
 * redefine a loaded class, so JShell loads a new wrapper class whose field starts at {@code 0} or {@code null}, and
 * does not run the initializer again. The jshell tool then says "update replaced variable total, reset to 0"; the
 * kernel said nothing, and {@code total} was silently 0.
 *
 * <p>Here each variable has a home: the field where its latest initializer (or carried value) is, with the type the
 * variable had then. When JShell replaces the variable's class, the value is carried into the new field if the
 * variable's type is unchanged and the value fits; otherwise the variable keeps the default value, and
 * {@link #carry} returns the notice the jshell tool would print, naming the variable. A carry happens at the point of
 * the cell where the redefinition is, after the cell's earlier statements have run (see {@link Move}).
 *
 * <p>Confined to the evaluating thread, under JShell's lock.
 */
final class VariableValues {

    private record Home(Field field, String typeName) {}

    /**
     * A replacement of a variable's wrapper class, seen when the snippet that caused it compiled. The value moves when
     * the cell's statements before that snippet have run: they were compiled against the old class, and may still
     * assign the variable there.
     *
     * @param to        the new class's field, or {@code null} if it cannot be found
     * @param typeName  the variable's type in the new class
     * @param redefined the variable's type names a class the cell redefined ({@code List<Point>} after a new
     *     {@code Point}): the value, made of the old class, cannot be kept (the check below could not tell, as
     *     generics are erased)
     */
    record Move(VarSnippet variable, Field to, String typeName, boolean redefined) {}

    private final Map<VarSnippet, Home> homes = new IdentityHashMap<>();
    private final ClassLoader snippetLoader;
    private final SnippetWrappers wrappers = SnippetWrappers.instance();

    VariableValues(ClassLoader snippetLoader) {
        this.snippetLoader = snippetLoader;
    }

    /** {@code variable}'s initializer ran in {@code wrapper}: its value lives there now. */
    void assigned(VarSnippet variable, Class<?> wrapper) {
        Field field = field(wrapper, wrappers.fieldName(variable));
        if (field == null) {
            homes.remove(variable);
        } else {
            homes.put(variable, new Home(field, variable.typeName()));
        }
    }

    /**
     * JShell has just replaced {@code variable}'s wrapper class: the move that carries its value there.
     * {@code redefinedTypes} are the classes the cell has redefined so far (simple names).
     */
    Move replaced(VarSnippet variable, Set<String> redefinedTypes) {
        String typeName = variable.typeName();
        boolean redefined = redefinedTypes.stream().anyMatch(type -> mentions(typeName, type));
        return new Move(variable, currentField(variable), typeName, redefined);
    }

    private static boolean mentions(String typeName, String type) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(type) + "(?![\\w$])")
                .matcher(typeName)
                .find();
    }

    /**
     * Carries the value of {@code move}'s variable into its new field.
     *
     * @return {@code null} when the value was kept (or there was none to keep), else the notice saying the variable
     *     was reset
     */
    String carry(Move move) {
        Home home = homes.get(move.variable());
        if (move.to() == null) {
            homes.remove(move.variable());
            return resetNotice(move.variable(), null, "its value could not be found");
        }
        if (home == null) {
            // It never had a value of its own that the kernel saw (its declaration did not run): nothing to lose.
            homes.put(move.variable(), new Home(move.to(), move.typeName()));
            return null;
        }
        if (home.field().equals(move.to())) {
            return null;
        }
        homes.put(move.variable(), new Home(move.to(), move.typeName()));
        if (!home.typeName().equals(move.typeName())) {
            return resetNotice(move.variable(), move.to(), "its type changed from " + home.typeName());
        }
        Object value = read(home.field());
        if (move.redefined() && value != null || !fits(value, home.field(), move.to())) {
            return resetNotice(move.variable(), move.to(), "its value was made from a class that was redefined");
        }
        write(move.to(), value);
        return null;
    }

    /**
     * Gives {@code replacement}, a new declaration of a variable that did not run, the value of the declaration it
     * replaced, {@code earlier}, if its type allows.
     *
     * @return whether the value was kept
     */
    boolean keepEarlierValue(VarSnippet earlier, VarSnippet replacement) {
        Home home = homes.get(earlier);
        Field to = currentField(replacement);
        if (home == null || to == null || !home.typeName().equals(replacement.typeName())) {
            return false;
        }
        Object value = read(home.field());
        if (!fits(value, home.field(), to)) {
            return false;
        }
        write(to, value);
        homes.remove(earlier);
        homes.put(replacement, new Home(to, replacement.typeName()));
        return true;
    }

    /**
     * Clears {@code variable}'s field in {@code wrapper}, so that a value nothing can name any more (a dropped
     * temporary's) can be collected. Primitive fields hold nothing to collect.
     */
    void clear(Class<?> wrapper, VarSnippet variable) {
        Field field = field(wrapper, wrappers.fieldName(variable));
        if (field != null && !field.getType().isPrimitive() && !Modifier.isFinal(field.getModifiers())) {
            write(field, null);
        }
    }

    /** {@code variable} is gone (dropped, or overwritten by a declaration that ran). */
    void forget(VarSnippet variable) {
        homes.remove(variable);
    }

    /** The field of {@code variable} in its wrapper class now, or {@code null}. */
    Field currentField(VarSnippet variable) {
        String className = wrappers.className(variable);
        if (className == null) {
            return null;
        }
        try {
            return field(Class.forName(className, false, snippetLoader), wrappers.fieldName(variable));
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Field field(Class<?> wrapper, String name) {
        try {
            Field field = wrapper.getDeclaredField(name);
            if (!Modifier.isStatic(field.getModifiers())) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    private static boolean fits(Object value, Field from, Field to) {
        if (to.getType().isPrimitive() || from.getType().isPrimitive()) {
            return to.getType() == from.getType();
        }
        return value == null || to.getType().isInstance(value);
    }

    private static Object read(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static void write(Field field, Object value) {
        try {
            field.set(null, value);
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            // a final field (JShell declares none) or a class that failed to initialize: the default stays
        }
    }

    /** The jshell tool's words: "update replaced variable total, reset to 0", and why. */
    private static String resetNotice(VarSnippet variable, Field field, String why) {
        String value = field == null ? "its default" : String.valueOf(read(field));
        return "Warning: update replaced variable " + variable.name() + ", reset to " + value + " (" + why + ").";
    }
}
