package org.javaasync.kernel.protocol;

/** The protocol counts cursor positions in Unicode code points; Java strings index UTF-16 units. */
final class CodePoints {

    private CodePoints() {}

    /** The UTF-16 index of code point {@code position}, clamped to the string. */
    static int toUtf16(String s, int position) {
        int points = s.codePointCount(0, s.length());
        return s.offsetByCodePoints(0, Math.max(0, Math.min(position, points)));
    }

    /** The code point index of UTF-16 index {@code index}, clamped to the string. */
    static int fromUtf16(String s, int index) {
        return s.codePointCount(0, Math.max(0, Math.min(index, s.length())));
    }
}
