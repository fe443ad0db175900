package org.javaasync.kernel.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javaasync.kernel.magic.ParsedCell;

/**
 * What a cell is, before any Java is compiled: a request to leave ({@code exit}, {@code quit}, JShell's
 * {@code /exit}), a request for documentation ({@code ?name}, {@code name?}, {@code name??}, as IPython), or code,
 * which may start with magics. The one place that reads the kernel's own syntax, for execution, completion and
 * inspection alike.
 */
public sealed interface CellSyntax {

    /** {@code exit}, {@code quit}, {@code exit()}, {@code /exit}: what a console user types to leave. */
    record Exit() implements CellSyntax {}

    /** {@code ?name} or {@code name?} (detail 0), {@code ??name} or {@code name??} (detail 1). */
    record Help(String name, int detail) implements CellSyntax {}

    /** Java, possibly after magics. */
    record Code(String code) implements CellSyntax {}

    /** JShell's /exit and IPython's exit/quit, with optional parentheses and semicolon. */
    Pattern EXIT = Pattern.compile("\\s*(?:/exit|exit|quit)\\s*(?:\\(\\s*\\))?\\s*;?\\s*");

    /** {@code ?name}, {@code ??name}, {@code name?} or {@code name??}; a name may be qualified or a call. */
    Pattern HELP = Pattern.compile("\\s*(\\?\\??)\\s*([\\w.$()]+)\\s*|\\s*([\\w.$()]+)\\s*(\\?\\??)\\s*");

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
     * The Java of {@code cell} for completion and inspection: magic lines blanked out, every other character where
     * it was, so that a cursor offset needs no mapping.
     */
    static String javaOf(String cell) {
        return ParsedCell.parse(cell).code();
    }
}
