package org.javaasync.kernel.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of the cells run with {@code store_history}, kept in memory for the kernel's life
 * and answered as {@code history_request} asks: tail, range and glob search, optionally unique. This kernel's
 * cells are session {@value #SESSION}; session 0 means "the current session", as in IPython.
 */
public final class History {

    /** The session number of the running kernel. */
    public static final int SESSION = 1;

    /** One stored cell: {@code output} is the text of its result, or {@code null}. */
    public record Entry(int session, int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Records cell {@code line} (its execution count). */
    public synchronized void add(int line, String input, String output) {
        entries.add(new Entry(SESSION, line, input, output));
    }

    /** Records the text output of an already stored line. */
    public synchronized void setOutput(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() == line) {
                entries.set(i, new Entry(e.session(), e.line(), e.input(), output));
                return;
            }
        }
    }

    /** The last {@code n} entries (all when {@code n} is not positive), oldest first. */
    public synchronized List<Entry> tail(int n, boolean unique) {
        List<Entry> all = unique ? unique(entries) : entries;
        return List.copyOf(n > 0 && n < all.size() ? all.subList(all.size() - n, all.size()) : all);
    }

    /**
     * Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less means to the end) of {@code session};
     * sessions other than this kernel's (other than 0 and {@value #SESSION}) have no entries.
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Entries whose input matches the glob {@code pattern} ({@code *}, {@code ?}, {@code [..]}), the last {@code n}.
     */
    public synchronized List<Entry> search(String pattern, int n, boolean unique) {
        Pattern regex = globToRegex(pattern);
        List<Entry> matches = new ArrayList<>();
        for (Entry e : entries) {
            if (regex.matcher(e.input()).matches()) {
                matches.add(e);
            }
        }
        if (unique) {
            matches = unique(matches);
        }
        return List.copyOf(n > 0 && n < matches.size() ? matches.subList(matches.size() - n, matches.size()) : matches);
    }

    /** Keeps the latest entry of each distinct input, in order of those latest entries. */
    private static List<Entry> unique(List<Entry> list) {
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (Entry e : list) {
            latest.remove(e.input());
            latest.put(e.input(), e);
        }
        return new ArrayList<>(latest.values());
    }

    /** SQLite's GLOB, which IPython's history search uses: whole-string match, case-sensitive. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        // A class means the same in GLOB and regex, [^..] included; only backslashes need escaping.
                        String body = glob.substring(i + 1, close);
                        regex.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
