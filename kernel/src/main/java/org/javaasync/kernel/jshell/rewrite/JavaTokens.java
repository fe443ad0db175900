package org.javaasync.kernel.jshell.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * A forgiving Java tokenizer for the await rewrite, the cell splitter and the compile-error hints: they only need to
 * know where identifiers, literals and punctuation are, and to step over what must never be taken for code (string
 * literals, text blocks, char literals, comments). It never fails: unterminated literals and comments run to the end
 * of the text, so a half-typed cell still tokenizes and JShell reports the real error. One pass, linear in the text.
 */
public final class JavaTokens {

    /** What a token is; whitespace and comments are {@link Kind#TRIVIA}. */
    public enum Kind {
        IDENT,
        NUMBER,
        STRING,
        CHAR,
        PUNCT,
        TRIVIA
    }

    /** One token: {@code text.substring(start, end)}. */
    public record Token(Kind kind, int start, int end, String text) {

        /** Whether the token's text is {@code s}. */
        public boolean is(String s) {
            return text.equals(s);
        }

        /** Whether the token is an identifier or a keyword. */
        public boolean isIdent() {
            return kind == Kind.IDENT;
        }
    }

    private JavaTokens() {}

    /** The significant tokens of {@code src} (trivia dropped), in order. */
    public static List<Token> significant(String src) {
        List<Token> out = new ArrayList<>();
        Scanner scanner = new Scanner(src);
        while (scanner.next()) {
            out.add(new Token(scanner.kind(), scanner.start(), scanner.end(), scanner.text()));
        }
        return out;
    }

    /**
     * The significant tokens of a text one at a time, without making an object of each: for texts of megabytes,
     * where a list of millions of tokens would cost more than the scan.
     */
    public static final class Scanner {

        private final String src;
        private int position;
        private Kind kind;
        private int start;
        private int end;

        public Scanner(String src) {
            this.src = src;
        }

        /** Moves to the next significant token; {@code false} at the end of the text. */
        public boolean next() {
            int n = src.length();
            while (position < n) {
                char c = src.charAt(position);
                int from = position;
                Kind found;
                if (Character.isWhitespace(c)) {
                    while (position < n && Character.isWhitespace(src.charAt(position))) position++;
                    found = Kind.TRIVIA;
                } else if (c == '/' && position + 1 < n && src.charAt(position + 1) == '/') {
                    while (position < n && src.charAt(position) != '\n') position++;
                    found = Kind.TRIVIA;
                } else if (c == '/' && position + 1 < n && src.charAt(position + 1) == '*') {
                    int close = src.indexOf("*/", position + 2);
                    position = close < 0 ? n : close + 2;
                    found = Kind.TRIVIA;
                } else if (src.startsWith("\"\"\"", position)) {
                    position = skipTextBlock(src, position + 3);
                    found = Kind.STRING;
                } else if (c == '"' || c == '\'') {
                    position = skipQuoted(src, position + 1, c);
                    found = c == '"' ? Kind.STRING : Kind.CHAR;
                } else if (Character.isJavaIdentifierStart(c)) {
                    while (position < n && Character.isJavaIdentifierPart(src.charAt(position))) position++;
                    found = Kind.IDENT;
                } else if (Character.isDigit(c)
                        || (c == '.' && position + 1 < n && Character.isDigit(src.charAt(position + 1)))) {
                    position = skipNumber(src, position);
                    found = Kind.NUMBER;
                } else {
                    position += punctuationLength(src, position);
                    found = Kind.PUNCT;
                }
                if (found != Kind.TRIVIA) {
                    kind = found;
                    start = from;
                    end = position;
                    return true;
                }
            }
            return false;
        }

        public Kind kind() {
            return kind;
        }

        public int start() {
            return start;
        }

        public int end() {
            return end;
        }

        /** Whether the current token's text is {@code s}. */
        public boolean is(String s) {
            return end - start == s.length() && src.startsWith(s, start);
        }

        /** The current token's text (a new string). */
        public String text() {
            return src.substring(start, end);
        }
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
