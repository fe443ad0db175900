package org.javaasync.kernel.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javaasync.kernel.magic.ParsedCell;

/**
 * What a cell is, before any Java is compiled: a request to leave ({@code exit}, {@code quit}, JShell's
 * {@code /exit}), a request for documentation ({@code ?name}, {@code name?}, {@code name??}, {@code %magic?}, as
 * IPython), or code, which may start with magics. The one place that reads the kernel's own syntax, for execution,
 * completion and inspection alike: {@link #of} for a whole cell, {@link #javaOf} for the Java in it,
 * {@link #magicNameAt} for a magic's name at a cursor.
 */
public sealed interface CellSyntax {

    /** {@code exit}, {@code quit}, {@code exit()}, {@code /exit}: what a console user types to leave. */
    record Exit() implements CellSyntax {}

    /**
     * {@code ?name} or {@code name?} (detail 0), {@code ??name} or {@code name??} (detail 1); {@code name} is Java
     * ({@code List.of}) or a magic ({@code %time}, {@code %%timeline}).
     */
    record Help(String name, int detail) implements CellSyntax {}

    /** Java, possibly after magics. */
    record Code(String code) implements CellSyntax {}

    /** JShell's /exit and IPython's exit/quit, with optional parentheses and semicolon. */
    Pattern EXIT = Pattern.compile("\\s*(?:/exit|exit|quit)\\s*(?:\\(\\s*\\))?\\s*;?\\s*");

    /** {@code ?name}, {@code ??name}, {@code name?} or {@code name??}; a name may be qualified, a call or a magic. */
    Pattern HELP = Pattern.compile("\\s*(\\?\\??)\\s*(%{0,2}[\\w.$()]+)\\s*|\\s*(%{0,2}[\\w.$()]+)\\s*(\\?\\??)\\s*");

    /** The start of a line up to a magic's name: indent, one or two {@code %}, the name typed so far. */
    Pattern MAGIC_NAME = Pattern.compile("([ \\t]*)(%%?)([A-Za-z]\\w*)?");

    /**
     * A magic's name at a cursor: {@code %ti|} while it is typed, or anywhere in {@code %time} for Shift-Tab.
     *
     * @param start    where its {@code %} signs start
     * @param end      where its name ends
     * @param percents {@code %} or {@code %%}, as written
     * @param typed    the name up to the cursor ({@code ti})
     * @param name     the whole name ({@code time}); empty when only {@code %} is written
     * @param cellMagicAllowed whether a cell magic may stand there: the cell's first line, not indented
     */
    record MagicName(int start, int end, String percents, String typed, String name, boolean cellMagicAllowed) {}

    /** What {@code cell} is. */
    static CellSyntax of(String cell) {
        if (EXIT.matcher(cell).matches()) {
            return new Exit();
        }
        Matcher help = HELP.matcher(cell);
        if (help.matches()) {
            String name = help.group(2) != null ? help.group(2) : help.group(3);
            String marks = help.group(1) != null ? help.group(1) : help.group(4);
            return new Help(name, marks.length() - 1);
        }
        return new Code(cell);
    }

    /**
     * The magic name the cursor is on, if it is on a line where a magic works ({@link ParsedCell#magicAllowedOn}):
     * a {@code %} line among the magics at the top of the cell. A {@code %} anywhere else is Java's remainder.
     */
    static Optional<MagicName> magicNameAt(String cell, int cursor) {
        int at = Math.max(0, Math.min(cursor, cell.length()));
        int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = cell.indexOf('\n', at);
        Matcher m = MAGIC_NAME.matcher(cell).region(lineStart, lineEnd < 0 ? cell.length() : lineEnd);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int start = m.start(2);
        int nameStart = m.end(2);
        if (at < nameStart || at > m.end()) {
            return Optional.empty();
        }
        int line = (int)
                cell.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        boolean cellMagicAllowed = line == 0 && m.group(1).isEmpty();
        if (m.group(2).equals("%%") && !cellMagicAllowed || !ParsedCell.magicAllowedOn(cell, line)) {
            return Optional.empty();
        }
        String name = m.group(3) == null ? "" : m.group(3);
        return Optional.of(
                new MagicName(start, m.end(), m.group(2), name.substring(0, at - nameStart), name, cellMagicAllowed));
    }

    /**
     * The Java of {@code cell} for completion and inspection: magic lines blanked out, every other character where
     * it was, so that a cursor offset needs no mapping.
     */
    static String javaOf(String cell) {
        return ParsedCell.parse(cell).code();
    }
}
