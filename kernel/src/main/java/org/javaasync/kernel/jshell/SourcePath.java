package org.javaasync.kernel.jshell;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Where JShell's documentation finds the Javadoc it shows: the JDK's {@code lib/src.zip} (JShell's own choice), the
 * sources the kernel ships for the runtime's API and the display API, and the directory of the user's documented
 * declarations ({@link DocumentedSnippets}).
 *
 * <p>JShell reads doc comments only from sources, and only from {@code src.zip}: its
 * {@code SourceCodeAnalysisImpl} computes that list once ({@code findSources()}) and keeps it in the private field
 * {@code availableSources}; neither the class path nor compiler options reach it. So the list is extended there by
 * reflection, which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec passes it). Without
 * the opening, or on a JDK whose internals differ, JShell keeps its own list: JDK Javadoc only, signatures for the
 * rest.
 *
 * <p>The list is built on the first documentation request, not at start-up: opening {@code src.zip} costs a few
 * hundred milliseconds, which JShell too pays only then. Callers hold the evaluator's JShell lock.
 */
final class SourcePath implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SourcePath.class.getName());

    /** Where the build puts the shipped sources, in the kernel's jar or classes directory. */
    static final String BUNDLED = "META-INF/javaasync-sources";

    /** A file every bundle holds: how the bundle is found. */
    private static final String PROBE = BUNDLED + "/org/javaasync/runtime/Asyncio.java";

    private final SourceCodeAnalysis analysis;
    private final ClassLoader loader;
    /** JShell's own list, once installed: extended in place, so later additions reach JShell too. */
    private List<Path> installed;

    private boolean failed;
    private FileSystem bundleFileSystem;

    SourcePath(SourceCodeAnalysis analysis, ClassLoader loader) {
        this.analysis = analysis;
        this.loader = loader;
    }

    /** Installs the list if not done yet: the JDK's sources and the kernel's. Idempotent; never throws. */
    void install() {
        if (installed != null || failed) {
            return;
        }
        try {
            Field field = analysis.getClass().getDeclaredField("availableSources");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<Path> current = (List<Path>) field.get(analysis);
            if (current == null) {
                Method find = analysis.getClass().getDeclaredMethod("findSources");
                find.setAccessible(true);
                @SuppressWarnings("unchecked")
                List<Path> jdk = (List<Path>) find.invoke(analysis);
                current = jdk;
            }
            List<Path> sources = new ArrayList<>(current);
            Path bundled = bundled();
            if (bundled != null) {
                sources.add(bundled);
            }
            field.set(analysis, sources);
            installed = sources;
        } catch (ReflectiveOperationException | RuntimeException e) {
            failed = true;
            LOG.log(
                    System.Logger.Level.INFO,
                    "The runtime's Javadoc and the user's doc comments cannot be shown (" + e
                            + "); start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.");
        }
    }

    /** Adds a source root (a directory of {@code package/Class.java} files); ignored if the list is not installed. */
    void add(Path root) {
        install();
        if (installed != null && !installed.contains(root)) {
            installed.add(root);
        }
    }

    /** The roots JShell reads, for tests; empty if they could not be installed. */
    List<Path> roots() {
        return installed == null ? List.of() : List.copyOf(installed);
    }

    /** The root of the shipped sources: a directory when running from classes, a folder inside the jar otherwise. */
    private Path bundled() {
        URL probe = loader.getResource(PROBE);
        if (probe == null) {
            LOG.log(System.Logger.Level.INFO, "No runtime sources in the kernel (" + PROBE + "): signatures only.");
            return null;
        }
        try {
            URI uri = probe.toURI();
            if ("file".equals(uri.getScheme())) {
                Path root = Path.of(uri);
                for (int up = nameCount(PROBE) - nameCount(BUNDLED); up > 0; up--) {
                    root = root.getParent();
                }
                return root;
            }
            if ("jar".equals(uri.getScheme())) {
                String spec = uri.getRawSchemeSpecificPart();
                Path jar = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
                bundleFileSystem = FileSystems.newFileSystem(jar);
                Path root = bundleFileSystem.getPath(BUNDLED);
                return Files.isDirectory(root) ? root : null;
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "Cannot open the runtime sources at " + probe + ": " + e);
        }
        return null;
    }

    private static int nameCount(String resource) {
        return resource.split("/").length;
    }

    @Override
    public void close() {
        if (bundleFileSystem != null) {
            try {
                bundleFileSystem.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the runtime sources", e);
            }
        }
    }
}
