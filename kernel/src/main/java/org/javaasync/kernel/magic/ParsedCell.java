package org.javaasync.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cell split into its magics and its Java code.
 *
 * <p>Rules, chosen so that Java is never mistaken for a magic: a cell magic ({@code %%name}) must be the first
 * line of the cell and owns the rest of it; line magics ({@code %name}) are lines at the top of the cell, before
 * any Java (blank lines and {@code //} comments may sit between them). A {@code %} anywhere else is Java's
 * remainder operator. Magic lines are blanked with spaces in {@link #code()}, so Java keeps the lines and offsets
 * the user sees (a completion cursor needs no mapping).
 *
 * @param lineMagics the line magics, in order
 * @param cellMagic  the cell magic, if the cell starts with one
 * @param code       the Java part, the same length and lines as the cell
 */
public record ParsedCell(List<MagicCall> lineMagics, Optional<MagicCall> cellMagic, String code) {

    /** Splits {@code cell}. Never fails: anything that is not a well-formed magic line is left as Java. */
    public static ParsedCell parse(String cell) {
        String[] lines = cell.split("\n", -1);
        List<MagicCall> lineMagics = new ArrayList<>();
        MagicCall cellMagic = null;
        int i = 0;
        if (lines.length > 0 && lines[0].startsWith("%%")) {
            cellMagic = call(lines[0].substring(2), true, 0);
            if (cellMagic != null) {
                lines[0] = " ".repeat(lines[0].length());
                i = 1;
            }
        }
        for (; i < lines.length; i++) {
            String stripped = lines[i].strip();
            if (stripped.isEmpty() || stripped.startsWith("//")) {
                continue;
            }
            if (!stripped.startsWith("%") || stripped.startsWith("%%")) {
                break;
            }
            MagicCall call = call(stripped.substring(1), false, i);
            if (call == null) {
                break;
            }
            lineMagics.add(call);
            lines[i] = " ".repeat(lines[i].length());
        }
        return new ParsedCell(List.copyOf(lineMagics), Optional.ofNullable(cellMagic), String.join("\n", lines));
    }

    /**
     * Whether a magic written on line {@code line} (0-based) of {@code cell} would be read as one: every line above it
     * is a magic, blank or a {@code //} comment (the first line may hold a cell magic). Completion uses it to offer
     * magics only where they work.
     */
    public static boolean magicAllowedOn(String cell, int line) {
        String[] lines = cell.split("\n", -1);
        for (int i = 0; i < Math.min(line, lines.length); i++) {
            String stripped = lines[i].strip();
            if (i == 0 && lines[0].startsWith("%%") && call(lines[0].substring(2), true, 0) != null) {
                continue;
            }
            boolean lineMagic = stripped.startsWith("%")
                    && !stripped.startsWith("%%")
                    && call(stripped.substring(1), false, i) != null;
            if (!(stripped.isEmpty() || stripped.startsWith("//") || lineMagic)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the cell has no magic at all (the common case, kept cheap). */
    public boolean plain() {
        return lineMagics.isEmpty() && cellMagic.isEmpty();
    }

    private static MagicCall call(String text, boolean cell, int line) {
        int end = 0;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == 0 || !Character.isLetter(text.charAt(0))) {
            return null;
        }
        return new MagicCall(text.substring(0, end), text.substring(end).strip(), cell, line);
    }
}
