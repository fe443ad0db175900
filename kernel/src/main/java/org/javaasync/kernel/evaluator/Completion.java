package org.javaasync.kernel.evaluator;

import java.util.List;

/**
 * Completion candidates replacing {@code code[cursorStart, cursorEnd)}. For member access ({@code list.si|}) the
 * range starts after the dot.
 */
public record Completion(List<Item> matches, int cursorStart, int cursorEnd) {

    /** One candidate: the text to insert, its kind ("method", "class", "variable", ...) and a signature. */
    public record Item(String text, String type, String signature) {}
}
