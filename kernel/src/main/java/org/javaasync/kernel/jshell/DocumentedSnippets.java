package org.javaasync.kernel.jshell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;

/**
 * The user's doc comments, as sources JShell's documentation can read: for each active method or class declared
 * with a {@code /** ... *}{@code /} comment, its wrapper class's source, with the comments put back, is written to
 * {@code REPL/$JShell$N.java} in a session directory that {@link SourcePath} lists.
 *
 * <p>Why files: JShell looks up a doc comment by the binary name of the element's top-level class in its source
 * path, and that class is the snippet's wrapper ({@code REPL.$JShell$12}). The wrapper JShell compiled has every
 * comment blanked to spaces of the same length, so the snippet's own text is pasted back over it; its leading
 * comment moves in front of the modifiers JShell adds ({@code public static}), where javac reads a doc comment.
 *
 * <p>The await rewrite turns {@code async T f(...)} into a body method {@code f$async} (which keeps the comment)
 * and a wrapper {@code f} that cells call: the wrapper's source gets the body's comment.
 *
 * <p>Written lazily, before a documentation request, and only when a declaration has a doc comment; the directory is
 * deleted when the evaluator closes. Callers hold the evaluator's JShell lock.
 */
final class DocumentedSnippets implements AutoCloseable {

    private static final String ASYNC_BODY = "$async";

    private final JShell jshell;
    /** Declarations with a doc comment, seen so far; inactive ones are dropped at each refresh. */
    private final List<Snippet> documented = new ArrayList<>();
    /** What each written file holds, by path: a file is rewritten only when its text changes. */
    private final Map<Path, String> written = new HashMap<>();

    private long scanned;
    private Path directory;

    DocumentedSnippets(JShell jshell) {
        this.jshell = jshell;
    }

    /**
     * Writes the sources of the documented declarations declared or changed since the last call.
     *
     * @return the directory, once there is one
     */
    Optional<Path> refresh() {
        // JShell's snippet list only grows: look at the new ones alone.
        jshell.snippets().skip(scanned).forEach(snippet -> {
            scanned++;
            if (isDeclaration(snippet) && snippet.source().contains("/**")) {
                documented.add(snippet);
            }
        });
        documented.removeIf(snippet -> !jshell.status(snippet).isActive());
        for (Snippet snippet : documented) {
            String comment = leadingComments(snippet.source());
            write(snippet, comment);
            if (snippet instanceof MethodSnippet body && body.name().endsWith(ASYNC_BODY)) {
                asyncWrapperOf(body).ifPresent(wrapper -> write(wrapper, comment));
            }
        }
        return Optional.ofNullable(directory);
    }

    private static boolean isDeclaration(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.METHOD || snippet.kind() == Snippet.Kind.TYPE_DECL;
    }

    /** The method {@code f} the rewrite declared next to {@code f$async}, with the same parameters. */
    private Optional<MethodSnippet> asyncWrapperOf(MethodSnippet body) {
        String name = body.name().substring(0, body.name().length() - ASYNC_BODY.length());
        return jshell.methods()
                .filter(m -> m.name().equals(name) && m.parameterTypes().equals(body.parameterTypes()))
                .findFirst();
    }

    /** Writes the wrapper class of {@code snippet} with its comments restored and {@code docComment} in front. */
    private void write(Snippet snippet, String docComment) {
        SnippetWrapper wrapper = jshell.sourceCodeAnalysis().wrapper(snippet);
        String text = restoredSource(wrapper, snippet.source(), docComment);
        if (text == null) {
            return;
        }
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("java-async-docs");
            }
            Path file = directory.resolve(wrapper.fullClassName().replace('.', '/') + ".java");
            if (text.equals(written.get(file))) {
                return;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            written.put(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the documentation source of " + wrapper.fullClassName(), e);
        }
    }

    /**
     * The wrapper's source with the snippet's text pasted over its blanked copy, and {@code docComment} after the
     * wrapper class's opening brace; {@code null} if the wrapper does not hold the snippet's text one to one.
     */
    static String restoredSource(SnippetWrapper wrapper, String source, String docComment) {
        String wrapped = wrapper.wrapped();
        int start = wrapper.sourceToWrappedPosition(0);
        int end = start + source.length();
        if (source.isEmpty()
                || start < 0
                || end > wrapped.length()
                || wrapper.sourceToWrappedPosition(source.length() - 1) != end - 1) {
            return null;
        }
        int open = wrapped.lastIndexOf('{', start);
        if (open < 0) {
            return null;
        }
        int comments = leadingComments(source).length();
        return wrapped.substring(0, open + 1)
                + "\n" + docComment + "\n"
                + wrapped.substring(open + 1, start)
                + " ".repeat(comments) + source.substring(comments)
                + wrapped.substring(end);
    }

    /** The blank lines and comments that open {@code source}, before the declaration itself. */
    static String leadingComments(String source) {
        int i = 0;
        while (i < source.length()) {
            if (Character.isWhitespace(source.charAt(i))) {
                i++;
            } else if (source.startsWith("//", i)) {
                int eol = source.indexOf('\n', i);
                i = eol < 0 ? source.length() : eol + 1;
            } else if (source.startsWith("/*", i)) {
                int close = source.indexOf("*/", i + 2);
                if (close < 0) {
                    break;
                }
                i = close + 2;
            } else {
                break;
            }
        }
        return source.substring(0, i);
    }

    /** Deletes the directory and what was written in it. */
    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger(DocumentedSnippets.class.getName())
                    .log(System.Logger.Level.DEBUG, "cannot delete " + directory, e);
        }
        directory = null;
    }
}
