package org.javaasync.kernel.magic;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.javaasync.kernel.display.Html;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;

/**
 * Runs a cell that may start with magics ({@link ParsedCell}): line magics first, in order; then the Java part,
 * wrapped by the cell magic if there is one. A cell made of magics only evaluates no Java. A magic that fails, or
 * is unknown, ends the cell with a {@code UsageError} output (the rest of the cell does not run); the kernel lives on.
 *
 * <p>The value a cell shows is its Java part's; a cell without Java shows the value of its last line magic (so
 * {@code %time 6 * 7} shows 42, as in IPython).
 */
public final class Magics {

    private static final Logger LOG = Logger.getLogger(Magics.class.getName());

    /** A line magic, {@code %name args}. */
    @FunctionalInterface
    public interface LineMagic {
        /**
         * Runs the magic.
         *
         * @return what the magic evaluates to ({@link EvalOutcome.NoValue} for nothing to show)
         * @throws MagicException for a misuse or failure to show the user
         */
        EvalOutcome run(MagicCall call, MagicSession session) throws MagicException;
    }

    /** A cell magic, {@code %%name args} on the first line: it wraps the evaluation of the rest of the cell. */
    @FunctionalInterface
    public interface CellMagic {
        /**
         * Runs the magic around {@code javaPart}, which evaluates the cell's Java (at most once).
         *
         * @return the cell's outcome, normally what {@code javaPart} returned
         * @throws MagicException for a misuse or failure to show the user
         */
        EvalOutcome run(MagicCall call, MagicSession session, Supplier<EvalOutcome> javaPart) throws MagicException;
    }

    private record Registered<M>(M magic, String summary) {}

    private final Map<String, Registered<LineMagic>> lineMagics = new TreeMap<>();
    private final Map<String, Registered<CellMagic>> cellMagics = new TreeMap<>();

    /** A registry with {@code %lsmagic} only. */
    public Magics() {
        line("lsmagic", "lists the magics", (call, session) -> {
            session.print(listing());
            return new EvalOutcome.NoValue();
        });
    }

    /** Adds (or replaces) the line magic {@code %name}; {@code summary} is its line in {@code %lsmagic}. */
    public Magics line(String name, String summary, LineMagic magic) {
        lineMagics.put(name, new Registered<>(magic, summary));
        return this;
    }

    /** Adds (or replaces) the cell magic {@code %%name}; {@code summary} is its line in {@code %lsmagic}. */
    public Magics cell(String name, String summary, CellMagic magic) {
        cellMagics.put(name, new Registered<>(magic, summary));
        return this;
    }

    /**
     * Evaluates {@code cell} with its magics. Called on the thread that evaluates cells; magic output goes to the
     * current cell ({@link Output#current()}).
     */
    public EvalOutcome run(String cell, Evaluator evaluator, CellRun run) {
        ParsedCell parsed = ParsedCell.parse(cell);
        if (parsed.plain()) {
            return evaluator.eval(cell, run);
        }
        MagicSession session = new MagicSession(evaluator, run, Output.current());
        try {
            EvalOutcome last = new EvalOutcome.NoValue();
            for (MagicCall call : parsed.lineMagics()) {
                Registered<LineMagic> magic = lineMagics.get(call.name());
                if (magic == null) {
                    throw unknown("%" + call.name(), cellMagics.containsKey(call.name()) ? "%%" + call.name() : null);
                }
                last = magic.magic().run(call, session);
                if (last instanceof EvalOutcome.Error) {
                    return last;
                }
            }
            boolean hasJava = hasJava(parsed.code());
            Supplier<EvalOutcome> javaPart = hasJava ? () -> session.eval(parsed.code()) : EvalOutcome.NoValue::new;
            if (parsed.cellMagic().isPresent()) {
                MagicCall call = parsed.cellMagic().get();
                Registered<CellMagic> magic = cellMagics.get(call.name());
                if (magic == null) {
                    throw unknown("%%" + call.name(), lineMagics.containsKey(call.name()) ? "%" + call.name() : null);
                }
                return magic.magic().run(call, session, javaPart);
            }
            return hasJava ? javaPart.get() : last;
        } catch (MagicException e) {
            if (e.getCause() != null) {
                LOG.log(Level.FINE, "magic failed", e);
            }
            return usageError(e.getMessage());
        }
    }

    /** The line magics' names ({@code time} for {@code %time}) with their summaries, sorted by name. */
    public SortedMap<String, String> lineMagics() {
        return summaries(lineMagics);
    }

    /** The cell magics' names ({@code time} for {@code %%time}) with their summaries, sorted by name. */
    public SortedMap<String, String> cellMagics() {
        return summaries(cellMagics);
    }

    private static SortedMap<String, String> summaries(Map<String, ? extends Registered<?>> magics) {
        SortedMap<String, String> out = new TreeMap<>();
        magics.forEach((name, m) -> out.put(name, m.summary()));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * What {@code written} ({@code %time} or {@code %%time}) does, for {@code %time?} and Shift-Tab on a magic;
     * not found if there is no such magic.
     */
    public Inspection help(String written) {
        boolean cell = written.startsWith("%%");
        String name = written.substring(cell ? 2 : written.startsWith("%") ? 1 : 0);
        Registered<?> magic = (cell ? cellMagics : lineMagics).get(name);
        if (magic == null) {
            return Inspection.none();
        }
        String prefix = cell ? "%%" : "%";
        String other = cell ? "%" : "%%";
        boolean both = (cell ? lineMagics : cellMagics).containsKey(name);
        String text = prefix + name + (cell ? " (cell magic)" : " (line magic)") + "\n\n" + magic.summary() + "."
                + (both ? "\n\nThere is also " + other + name + "." : "")
                + "\n\nMagics are commands to the kernel at the top of a cell; %lsmagic lists them.";
        String html =
                "<pre>" + Html.escape(prefix + name) + "</pre>\n<div>" + Html.escape(magic.summary()) + ".</div>\n";
        return new Inspection(true, text, html);
    }

    /** Whether {@code code} holds more than blanks and comments (what is left of a cell of magics). */
    static boolean hasJava(String code) {
        int i = 0;
        while (i < code.length()) {
            if (Character.isWhitespace(code.charAt(i))) {
                i++;
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? code.length() : end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) {
                    return true; // an unclosed comment: let the compiler say so
                }
                i = end + 2;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The names of the magics, as {@code %lsmagic} prints them. */
    public String listing() {
        StringBuilder out = new StringBuilder("Line magics:\n");
        lineMagics.forEach((name, m) -> out.append(String.format("  %%%-12s %s\n", name, m.summary())));
        out.append("Cell magics:\n");
        cellMagics.forEach((name, m) -> out.append(String.format("  %%%%%-11s %s\n", name, m.summary())));
        return out.toString();
    }

    private MagicException unknown(String written, String didYouMean) {
        String known = lineMagics.keySet().stream().map(n -> "%" + n).collect(Collectors.joining(" ")) + " "
                + cellMagics.keySet().stream().map(n -> "%%" + n).collect(Collectors.joining(" "));
        return new MagicException("unknown magic " + written
                + (didYouMean == null ? "" : " (there is " + didYouMean + ")")
                + ". Known magics: " + known.strip() + ". A line starting with % at the top of a cell is a magic;"
                + " write Java's remainder operator after an operand.");
    }

    /** The outcome a magic's misuse produces: IPython's {@code UsageError}, one line. */
    static EvalOutcome.Error usageError(String message) {
        return new EvalOutcome.Error(
                EvalOutcome.Kind.RUNTIME, "UsageError", message, List.of("UsageError: " + message));
    }
}
