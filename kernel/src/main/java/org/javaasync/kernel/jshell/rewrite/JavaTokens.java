package org.javaasync.kernel.jshell.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * A forgiving Java tokenizer for the await rewrite: it only needs to know where identifiers and punctuation are,
 * and to step over what must never be rewritten (string literals, text blocks, char literals, comments). It never
 * fails: unterminated literals and comments run to the end of the text, so a half-typed cell still tokenizes and
 * JShell reports the real error.
 */
final class JavaTokens {

    /** What a token is; whitespace and comments are {@link Kind#TRIVIA}. */
    enum Kind {
        IDENT,
        NUMBER,
        STRING,
        CHAR,
        PUNCT,
        TRIVIA
    }

    /** One token: {@code text.substring(start, end)}. */
    record Token(Kind kind, int start, int end, String text) {

        boolean is(String s) {
            return text.equals(s);
        }

        boolean isIdent() {
            return kind == Kind.IDENT;
        }
    }

    private JavaTokens() {}

    /** The significant tokens of {@code src} (trivia dropped), in order. */
    static List<Token> significant(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int start = i;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(src.charAt(i))) i++;
                kind = Kind.TRIVIA;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') i++;
                kind = Kind.TRIVIA;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int close = src.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                kind = Kind.TRIVIA;
            } else if (src.startsWith("\"\"\"", i)) {
                i = skipTextBlock(src, i + 3);
                kind = Kind.STRING;
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(src, i + 1, c);
                kind = c == '"' ? Kind.STRING : Kind.CHAR;
            } else if (Character.isJavaIdentifierStart(c)) {
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) i++;
                kind = Kind.IDENT;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                i = skipNumber(src, i);
                kind = Kind.NUMBER;
            } else {
                i += punctuationLength(src, i);
                kind = Kind.PUNCT;
            }
            if (kind != Kind.TRIVIA) {
                out.add(new Token(kind, start, i, src.substring(start, i)));
            }
        }
        return out;
    }

    private static int skipTextBlock(String src, int i) {
        int n = src.length();
        while (i < n) {
            if (src.charAt(i) == '\\') {
                i += 2;
            } else if (src.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipQuoted(String src, int i, char quote) {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i; // unterminated: stop at the line end and let the compiler say so
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipNumber(String src, int i) {
        int n = src.length();
        int start = i;
        boolean hex = src.startsWith("0x", i) || src.startsWith("0X", i);
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                i++;
            } else if ((c == '+' || c == '-') && i > start && isExponentMark(src.charAt(i - 1), hex)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isExponentMark(char c, boolean hex) {
        return hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
    }

    private static final String[] MULTI_CHAR_PUNCTUATION = {"::", "->", "..."};

    private static int punctuationLength(String src, int i) {
        for (String p : MULTI_CHAR_PUNCTUATION) {
            if (src.startsWith(p, i)) return p.length();
        }
        // Operators such as "<=" or ">>" stay split: the rewrite only balances brackets and generic angles, and a
        // single '>' per token is what closing "List<List<String>>" needs.
        return 1;
    }
}
