package org.javaasync.kernel.jshell;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path JShell compiles cells against: the kernel's and the runtime's classes, wherever they were loaded
 * from. {@code java.class.path} alone is not enough: under a launcher that uses a manifest-only jar (Maven Surefire)
 * or a shaded jar it does not name the directories the classes really come from.
 */
final class KernelClassPath {

    /** Classes whose code source must be on the compile class path, if they are present at all. */
    private static final String[] ANCHORS = {
        "org.javaasync.kernel.display.Display", "org.javaasync.runtime.Asyncio", "org.javaasync.runtime.sync.Lock",
    };

    private KernelClassPath() {}

    /** The entries, separated by {@link File#pathSeparator}. */
    static String of(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        for (String anchor : ANCHORS) {
            String location = locationOf(anchor, loader);
            if (location != null) {
                entries.add(location);
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String locationOf(String className, ClassLoader loader) {
        try {
            CodeSource source = Class.forName(className, false, loader)
                    .getProtectionDomain()
                    .getCodeSource();
            return source == null || source.getLocation() == null
                    ? null
                    : Path.of(source.getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null; // absent (the runtime is optional here) or not a file: nothing to add
        }
    }
}
