package org.javaasync.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.javaasync.kernel.evaluator.EvalOutcome;

/**
 * {@code %classpath PATH ...}: adds jars or class directories to the session, so that later cells — and the Java
 * part of the same cell — can import their classes. Also the one place that puts jars on the class path for
 * {@code %maven} ({@link MavenMagics}), so that nothing is added twice.
 */
public final class ClasspathMagics {

    private final Set<Path> added = new LinkedHashSet<>();

    /** Registers {@code %classpath} in {@code magics}. */
    public Magics registerIn(Magics magics) {
        return magics.line(
                "classpath",
                "adds jars or class directories: %classpath PATH ... (DIR/* for its jars); no PATH lists them",
                this::classpath);
    }

    EvalOutcome classpath(MagicCall call, MagicSession session) throws MagicException {
        List<String> paths = words(call.args());
        if (paths.isEmpty()) {
            session.print(
                    added.isEmpty()
                            ? "Nothing added to the class path yet."
                            : "Added so far:\n  "
                                    + String.join(
                                            "\n  ",
                                            added.stream().map(Path::toString).toList()));
            return new EvalOutcome.NoValue();
        }
        List<Path> entries = new ArrayList<>();
        for (String p : paths) {
            entries.addAll(expand(p));
        }
        add(entries, session);
        return new EvalOutcome.NoValue();
    }

    /**
     * A path as written: a jar, a class directory, or {@code DIR/*} for the jars in DIR. Relative to the kernel's
     * directory.
     */
    static List<Path> expand(String written) throws MagicException {
        if (written.endsWith("/*") || written.endsWith(File.separator + "*")) {
            Path dir = Path.of(written.substring(0, written.length() - 2))
                    .toAbsolutePath()
                    .normalize();
            if (!Files.isDirectory(dir)) {
                throw new MagicException("%classpath: no directory " + dir);
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> jars = files.filter(f -> f.toString().endsWith(".jar"))
                        .sorted()
                        .toList();
                if (jars.isEmpty()) {
                    throw new MagicException("%classpath: no jar in " + dir);
                }
                return jars;
            } catch (IOException e) {
                throw new MagicException("%classpath: cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(written).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new MagicException("%classpath: " + path + " does not exist (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return List.of(path);
    }

    /** Adds the entries not added yet to the session's class path; returns those it added. */
    List<Path> add(List<Path> entries, MagicSession session) {
        List<Path> fresh =
                entries.stream().distinct().filter(p -> !added.contains(p)).toList();
        if (fresh.isEmpty()) {
            session.print("Already on the class path: nothing added.");
            return fresh;
        }
        session.evaluator()
                .addToClasspath(String.join(
                        File.pathSeparator, fresh.stream().map(Path::toString).toList()));
        added.addAll(fresh);
        session.print("Added to the class path:\n  "
                + String.join("\n  ", fresh.stream().map(Path::toString).toList()));
        return fresh;
    }

    /** Adds {@code entries} to the session's class path, without printing; those already there are skipped. */
    void addQuietly(List<Path> entries, MagicSession session) {
        List<Path> fresh =
                entries.stream().distinct().filter(p -> !added.contains(p)).toList();
        if (!fresh.isEmpty()) {
            session.evaluator()
                    .addToClasspath(String.join(
                            File.pathSeparator,
                            fresh.stream().map(Path::toString).toList()));
            added.addAll(fresh);
        }
    }

    private static List<String> words(String args) {
        return args.isBlank() ? List.of() : List.of(args.strip().split("\\s+"));
    }
}
