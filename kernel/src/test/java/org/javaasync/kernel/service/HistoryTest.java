package org.javaasync.kernel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private History history() {
        History history = new History();
        history.add(1, "int a = 1;", null);
        history.add(2, "a + 1", "2");
        history.add(3, "a + 1", "2");
        history.add(4, "System.out.println(a);", null);
        return history;
    }

    private static List<Integer> lines(List<History.Entry> entries) {
        return entries.stream().map(History.Entry::line).toList();
    }

    @Test
    void tailGivesTheLastNOldestFirst() {
        assertEquals(List.of(3, 4), lines(history().tail(2, false)));
        assertEquals(List.of(1, 2, 3, 4), lines(history().tail(0, false)));
    }

    @Test
    void uniqueKeepsTheLatestOfEachInput() {
        assertEquals(List.of(1, 3, 4), lines(history().tail(10, true)));
    }

    @Test
    void rangeIsStartInclusiveStopExclusiveInThisSession() {
        assertEquals(List.of(2, 3), lines(history().range(History.SESSION, 2, 4)));
        assertEquals(List.of(2, 3, 4), lines(history().range(0, 2, 0)));
        assertEquals(List.of(), lines(history().range(7, 1, 4)));
    }

    @Test
    void searchMatchesGlobsOnTheWholeInput() {
        assertEquals(List.of(2, 3), lines(history().search("a*", 0, false)));
        assertEquals(List.of(3), lines(history().search("a ? 1", 0, true)));
        assertEquals(List.of(1, 2, 3, 4), lines(history().search("*", 0, false)));
        assertEquals(List.of(4), lines(history().search("*[p]rintln*", 0, false)));
        assertEquals(List.of(3), lines(history().search("a*", 1, false)));
    }
}
