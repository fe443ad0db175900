package org.javaasync.kernel.jshell.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A cell's source after the await rewrite, with the map back to what the user typed, so that a compile error
 * in the rewritten text is reported at the user's own line and column.
 *
 * @param original the cell as typed
 * @param text     the cell as JShell sees it
 * @param edits    the replacements that turned {@code original} into {@code text}, ordered by position
 */
public record RewrittenSource(String original, String text, List<Edit> edits) {

    /** Replace {@code removed} characters of the original at offset {@code at} with {@code inserted}. */
    public record Edit(int at, int removed, String inserted) {}

    /** A source that needed no rewrite. */
    static RewrittenSource unchanged(String source) {
        return new RewrittenSource(source, source, List.of());
    }

    /**
     * Applies {@code edits} (non-overlapping, any order) to {@code original}. Line breaks inside replaced text are
     * kept (appended to the replacement), so every line of the rewritten text is the same line of the original:
     * stack traces need no mapping, only columns do.
     */
    static RewrittenSource apply(String original, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits.size());
        for (Edit e : edits) {
            long breaks = original.substring(e.at(), e.at() + e.removed())
                    .chars()
                    .filter(c -> c == '\n')
                    .count();
            sorted.add(breaks == 0 ? e : new Edit(e.at(), e.removed(), e.inserted() + "\n".repeat((int) breaks)));
        }
        sorted.sort(Comparator.comparingInt(Edit::at));
        StringBuilder out = new StringBuilder(original.length() + 64 * sorted.size());
        int copied = 0;
        for (Edit e : sorted) {
            out.append(original, copied, e.at()).append(e.inserted());
            copied = e.at() + e.removed();
        }
        out.append(original, copied, original.length());
        return new RewrittenSource(original, out.toString(), List.copyOf(sorted));
    }

    /**
     * The offset in the rewritten text of {@code offset} in the original; an offset inside replaced text maps to
     * the start of its replacement. At a point where the rewrite only closed a parenthesis ({@code await gat|}
     * became {@code await(gat|)}), the offset stays before it: a cursor there is at the end of what the user typed.
     */
    public int toRewritten(int offset) {
        int delta = 0;
        for (Edit e : edits) {
            if (offset < e.at()
                    || offset == e.at() && e.removed() == 0 && e.inserted().startsWith(")")) {
                break;
            }
            if (offset < e.at() + e.removed()) {
                return e.at() + delta;
            }
            delta += e.inserted().length() - e.removed();
        }
        return offset + delta;
    }

    /** Whether the rewrite changed anything. */
    public boolean changed() {
        return !edits.isEmpty();
    }

    /**
     * The offset in the original source that produced {@code offset} of the rewritten text. Offsets inside
     * generated text map to the start of the code it replaced, so an error there points at the user's construct.
     */
    public int toOriginal(int offset) {
        int delta = 0; // rewritten offset minus original offset, before the edit under consideration
        for (Edit e : edits) {
            int rewrittenStart = e.at() + delta;
            if (offset < rewrittenStart) {
                break;
            }
            if (offset < rewrittenStart + e.inserted().length()) {
                return e.at() + Math.min(offset - rewrittenStart, e.removed());
            }
            delta += e.inserted().length() - e.removed();
        }
        return Math.clamp((long) offset - delta, 0, original.length());
    }
}
