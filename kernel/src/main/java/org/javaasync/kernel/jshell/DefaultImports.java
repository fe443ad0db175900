package org.javaasync.kernel.jshell;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The imports every session starts with: JShell's own default imports (which only its command-line tool adds, not
 * its API), {@code java.time} (durations and instants are everyday values next to an event loop), the event-loop
 * runtime's API, the display facade and the progress helpers. An import whose package or class is absent from the
 * class path is skipped, so the kernel works with any version of the runtime.
 *
 * <p>{@code java.time.Clock} and the runtime's {@code Clock} share a simple name: both packages are imported on
 * demand, so a cell that names {@code Clock} gets javac's "reference to Clock is ambiguous", naming both, and
 * chooses with an import of its own.
 */
final class DefaultImports {

    /** JShell's tool's default imports, {@code java.time}, then the kernel's. */
    static final List<String> IMPORTS = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import org.javaasync.runtime.*;",
            "import org.javaasync.runtime.sync.*;",
            "import static org.javaasync.runtime.Asyncio.*;",
            "import static org.javaasync.kernel.display.Display.*;",
            "import static org.javaasync.kernel.display.Progress.*;");

    private DefaultImports() {}

    /** Evaluates the imports in {@code jshell}; those that do not compile are left out. */
    static void install(JShell jshell) {
        for (String source : IMPORTS) {
            for (SnippetEvent event : jshell.eval(source)) {
                if (event.status() == Snippet.Status.REJECTED) {
                    System.getLogger(DefaultImports.class.getName())
                            .log(System.Logger.Level.DEBUG, "Skipped default import, not on the class path: " + source);
                }
            }
        }
    }
}
