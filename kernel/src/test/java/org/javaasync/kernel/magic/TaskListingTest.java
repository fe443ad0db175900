package org.javaasync.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.javaasync.kernel.display.MimeBundle;
import org.junit.jupiter.api.Test;

class TaskListingTest {

    private static List<TaskMagics.Row> rows(int n, String state, String cell) {
        return IntStream.range(0, n)
                .mapToObj(i -> new TaskMagics.Row(cell + "-w" + i, state, cell, 1.5, "sleep(600.0)"))
                .toList();
    }

    private static String text(MimeBundle bundle) {
        return (String) bundle.data().get("text/plain");
    }

    @Test
    void aFewHundredTasksAreListedWhole() {
        List<TaskMagics.Row> rows = rows(TaskListing.FULL_TABLE_ROWS, "waiting", "In [5]");
        MimeBundle bounded = TaskListing.bounded(rows, TaskMagics::table);
        assertEquals(TaskMagics.table(rows), bounded);
        assertEquals(TaskListing.FULL_TABLE_ROWS + 1, text(bounded).lines().count(), "a header and every row");
    }

    @Test
    void twentyThousandTasksAreSummarisedByStateAndByCellThenTheOldestShown() {
        List<TaskMagics.Row> rows = new ArrayList<>();
        rows.addAll(rows(10_000, "waiting", "In [5]"));
        rows.addAll(rows(9_990, "waiting", "In [6]"));
        rows.addAll(rows(7, "running", "In [7]"));
        rows.addAll(rows(3, "pending", ""));
        MimeBundle bundle = TaskListing.bounded(rows, TaskMagics::table);
        List<String> lines = text(bundle).lines().toList();
        assertEquals("20,000 live tasks: 7 running, 19,990 waiting, 3 pending.", lines.get(0));
        assertEquals("By cell: In [5]: 10,000, In [6]: 9,990, In [7]: 7, no cell: 3.", lines.get(1));
        assertEquals("The 100 oldest:", lines.get(2));
        assertTrue(lines.get(4).startsWith("Name"), lines.get(4));
        assertTrue(lines.get(5).startsWith("In [5]-w0 "), lines.get(5));
        assertTrue(lines.get(104).startsWith("In [5]-w99 "), lines.get(104));
        assertEquals("… and 19,900 more, not shown. %cancel NAME... or %cancel all stops tasks.", lines.getLast());
        String html = (String) bundle.data().get("text/html");
        assertEquals(101, html.split("<tr>", -1).length - 1, "a header and 100 rows");
        assertTrue(html.length() < 40_000, "HTML of " + html.length() + " characters");
        assertTrue(html.startsWith("<p><b>20,000 live tasks:"), html.substring(0, 80));
    }

    @Test
    void manyCellsAreCountedTenByNameThenTogether() {
        List<TaskMagics.Row> rows = new ArrayList<>();
        for (int cell = 1; cell <= 15; cell++) {
            rows.addAll(rows(20, "waiting", "In [" + cell + "]"));
        }
        String cells = text(TaskListing.bounded(rows, TaskMagics::table))
                .lines()
                .toList()
                .get(1);
        assertTrue(cells.startsWith("By cell: In [1]: 20, In [2]: 20,"), cells);
        assertTrue(cells.endsWith("In [10]: 20, 100 in 5 other cells."), cells);
    }

    @Test
    void namesStopAfterTwentyAndSayHowManyMore() {
        List<String> names = IntStream.range(0, 20_000).mapToObj(i -> "w" + i).toList();
        String listed = TaskListing.names(names);
        assertTrue(listed.startsWith("w0, w1, w2,"), listed);
        assertTrue(listed.endsWith("w19 and 19,980 more"), listed);
        assertFalse(listed.contains("w20"), listed);
        assertEquals("a, b", TaskListing.names(List.of("a", "b")));
    }
}
