package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Exercises what a first cell needs (compiling and running an expression, a method and a class; completion;
 * documentation) so that javac's classes are loaded and its hot paths compiled before the user's first cell. Each
 * step takes the JShell lock on its own, so a user cell never waits for the whole warm-up. Warm-up snippets are
 * dropped again.
 */
final class WarmUp {

    /** The names the warm-up declares: completion never offers them, even while the warm-up runs. */
    static final Set<String> NAMES = Set.of("$warmUp", "$WarmUp");

    private static final List<String> SNIPPETS = List.of(
            "int $warmUp(int n) { int s = 0; for (int i = 0; i < n; i++) { s += i; } return s; }",
            "$warmUp(10) + 1",
            "class $WarmUp { String name = \"x\"; }",
            "new $WarmUp().name.length()");

    private final JShell jshell;
    private final ReentrantLock lock;
    private final CodeAnalysis analysis;

    WarmUp(JShell jshell, ReentrantLock lock, CodeAnalysis analysis) {
        this.jshell = jshell;
        this.lock = lock;
        this.analysis = analysis;
    }

    void run() {
        for (int round = 0; round < 3; round++) {
            List<Snippet> created = new ArrayList<>();
            for (String source : SNIPPETS) {
                locked(() -> {
                    jshell.sourceCodeAnalysis().analyzeCompletion(source);
                    for (SnippetEvent event : jshell.eval(source)) {
                        if (event.causeSnippet() == null) {
                            created.add(event.snippet());
                        }
                    }
                });
            }
            locked(() -> created.reversed().forEach(jshell::drop));
            locked(() -> analysis.complete("\"hello\".len", 11));
            locked(() -> analysis.isComplete("for (int i = 0; i < 3; i++) {"));
        }
        locked(() -> analysis.inspect("Math.max", 8, 0));
    }

    private void locked(Runnable step) {
        lock.lock();
        try {
            step.run();
        } finally {
            lock.unlock();
        }
    }
}
