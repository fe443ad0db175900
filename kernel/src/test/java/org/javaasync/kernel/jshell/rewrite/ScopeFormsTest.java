package org.javaasync.kernel.jshell.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The try-with-resources scopes a cell opens, found as written, each with the exact form to write instead. */
class ScopeFormsTest {

    @Test
    void aTaskGroupInTryWithResourcesGetsTheExactFormWithTheUsersName() {
        List<ScopeForms.Found> found = ScopeForms.find("""
                var urls = List.of("a", "b");
                try (var crawl = new TaskGroup()) {
                    for (String u : urls) crawl.createTask(fetch(u));
                }
                """);
        assertEquals(1, found.size());
        assertEquals(2, found.getFirst().line());
        String note = found.getFirst().note();
        assertTrue(note.startsWith("Note: line 2 opens a TaskGroup with try-with-resources."), note);
        assertTrue(note.endsWith("\n    await taskGroup(crawl -> {\n        ...\n    });"), note);
    }

    @Test
    void aTimeoutInTryWithResourcesGetsTheExactFormWithTheUsersDeadline() {
        List<ScopeForms.Found> found = ScopeForms.find("try (var t = timeout(0.5 * 2)) {\n    await sleep(3);\n}");
        assertEquals(1, found.size());
        String note = found.getFirst().note();
        assertTrue(note.startsWith("Note: line 1 opens a timeout(...) scope with try-with-resources."), note);
        assertTrue(note.endsWith("\n    await timeout(0.5 * 2, () -> {\n        ...\n    });"), note);
    }

    @Test
    void timeoutAtAndQualifiedNamesAndSeveralResourcesAreFound() {
        List<ScopeForms.Found> found = ScopeForms.find("""
                try (var t = Asyncio.timeoutAt(deadline);
                     var g = new org.javaasync.runtime.TaskGroup()) {
                }
                """);
        assertEquals(List.of(1, 1), found.stream().map(ScopeForms.Found::line).toList());
        assertTrue(
                found.get(0).note().contains("await timeoutAt(deadline, () -> {"),
                found.get(0).note());
        assertTrue(
                found.get(1).note().contains("await taskGroup(g -> {"),
                found.get(1).note());
    }

    @Test
    void theExactFormsStringsCommentsAndOtherResourcesAreLeftAlone() {
        assertEquals(List.of(), ScopeForms.find("""
                        await taskGroup(tg -> { tg.createTask(work()); });
                        await timeout(2.0, () -> { await sleep(1); });
                        String s = "try (var tg = new TaskGroup()) {}"; // try (var t = timeout(1)) {}
                        /* try (var t = timeout(1)) {} */
                        try (var in = new FileInputStream(f); var lock = await(mutex.acquire())) { }
                        try { timeout(1); } finally { }
                        """));
    }

    @Test
    void aCallInsideAnotherResourcesArgumentsIsNotAScope() {
        assertEquals(List.of(), ScopeForms.find("try (var r = open(timeout(1.0))) { }"));
    }

    @Test
    void anotherObjectsTimeoutMethodIsNotTheRuntimes() {
        assertEquals(List.of(), ScopeForms.find("try (var c = HttpClient.newBuilder().timeout(d).build()) { }"));
        assertEquals(List.of(), ScopeForms.find("try (var c = new timeout(1)) { }"));
    }

    @Test
    void aScopeInsideATaskBodyIsFoundAtItsOwnLine() {
        List<String> notes = ScopeForms.notes("""
                createTask(async(() -> {
                    try (var t = timeout(1.5)) {
                        await sleep(3);
                    }
                }), "bounded");
                """);
        assertEquals(1, notes.size());
        assertTrue(notes.getFirst().startsWith("Note: line 2 opens a timeout(...) scope"), notes.getFirst());
        assertTrue(notes.getFirst().contains("the deadline is lost"), "says what can go wrong: " + notes.getFirst());
    }

    @Test
    void theTaskGroupNoteSaysWhatHappensToTheTasks() {
        String note = ScopeForms.notes("try (var tg = new TaskGroup()) { throw new IllegalStateException(); }")
                .getFirst();
        assertTrue(note.contains("does not cancel the group's tasks"), note);
        assertTrue(note.contains("ride on that exception as suppressed ones"), note);
    }
}
