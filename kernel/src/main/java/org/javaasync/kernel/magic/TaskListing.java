package org.javaasync.kernel.magic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.javaasync.kernel.display.Html;
import org.javaasync.kernel.display.MimeBundle;

/**
 * Keeps what {@code %tasks} and {@code %cancel} print readable and small however many tasks are alive: a session
 * with 20,000 tasks would otherwise get megabytes of table. Up to {@link #FULL_TABLE_ROWS} rows the table is shown
 * whole; past that, a summary (how many tasks, counted by state and by cell) comes first, then the oldest
 * {@link #ROWS_SHOWN} rows and how many more there are. Lists of names stop after {@link #NAMES_SHOWN}.
 */
final class TaskListing {

    /** Up to this many live tasks, {@code %tasks} shows them all. */
    static final int FULL_TABLE_ROWS = 200;

    /** Past {@link #FULL_TABLE_ROWS}, how many of the oldest tasks are shown after the summary. */
    static final int ROWS_SHOWN = 100;

    /** How many names a list of tasks names before it says how many more there are. */
    static final int NAMES_SHOWN = 20;

    /** How many cells the summary counts by name before it lumps the rest together. */
    static final int CELLS_SHOWN = 10;

    /** The states in the order the summary counts them; other states follow in the order they appear. */
    private static final List<String> STATE_ORDER = List.of("running", "waiting", "pending");

    private TaskListing() {}

    /**
     * {@code rows} (oldest first) as {@code table} draws them, bounded: all of them up to {@link #FULL_TABLE_ROWS};
     * past that a summary, the first {@link #ROWS_SHOWN} and a last line saying how many are not shown.
     */
    static MimeBundle bounded(List<TaskMagics.Row> rows, Function<List<TaskMagics.Row>, MimeBundle> table) {
        if (rows.size() <= FULL_TABLE_ROWS) {
            return table.apply(rows);
        }
        List<TaskMagics.Row> shown = rows.subList(0, ROWS_SHOWN);
        MimeBundle part = table.apply(shown);
        String byState = counts(
                countBy(rows, TaskMagics.Row::state, STATE_ORDER),
                Integer.MAX_VALUE,
                (state, n) -> n + " " + state,
                "other states");
        String byCell = counts(
                countBy(rows, row -> row.cell().isEmpty() ? "no cell" : row.cell(), List.of()),
                CELLS_SHOWN,
                (cell, n) -> cell + ": " + n,
                "other cells");
        String headline = count(rows.size()) + " live tasks: " + byState + ".";
        String cells = "By cell: " + byCell + ".";
        String intro = "The " + count(shown.size()) + " oldest:";
        String rest = "… and " + count(rows.size() - shown.size())
                + " more, not shown. %cancel NAME... or %cancel all stops tasks.";
        String text = String.join(
                "\n", headline, cells, intro, "", (String) part.data().get("text/plain"), "", rest);
        String html = "<p><b>" + Html.escape(headline) + "</b><br>" + Html.escape(cells) + "<br>" + Html.escape(intro)
                + "</p>" + part.data().get("text/html") + "<p>" + Html.escape(rest) + "</p>";
        return new MimeBundle(Map.of("text/plain", text, "text/html", html), Map.of());
    }

    /** {@code a, b, c}, or the first {@link #NAMES_SHOWN} names and {@code and 19,980 more}. */
    static String names(Collection<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        List<String> first = names.stream().limit(NAMES_SHOWN).toList();
        return String.join(", ", first) + " and " + count(names.size() - NAMES_SHOWN) + " more";
    }

    /** Counts by key, keys ordered as {@code order} says first, then as they first appear. */
    private static Map<String, Integer> countBy(
            List<TaskMagics.Row> rows, Function<TaskMagics.Row, String> key, List<String> order) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        order.forEach(k -> counts.put(k, 0));
        rows.forEach(row -> counts.merge(key.apply(row), 1, Integer::sum));
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    /** {@code 10 running, 19,990 waiting}; past {@code limit} keys, the rest as one count. */
    private static String counts(
            Map<String, Integer> counts, int limit, BiFunction<String, String, String> label, String others) {
        List<String> parts = new ArrayList<>();
        int rest = 0;
        int restKeys = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (parts.size() < limit) {
                parts.add(label.apply(e.getKey(), count(e.getValue())));
            } else {
                rest += e.getValue();
                restKeys++;
            }
        }
        if (restKeys > 0) {
            parts.add(count(rest) + " in " + count(restKeys) + " " + others);
        }
        return String.join(", ", parts);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
