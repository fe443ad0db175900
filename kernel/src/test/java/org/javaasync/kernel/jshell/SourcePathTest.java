package org.javaasync.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SourcePathTest {

    private static JShell jshell;
    private static SourcePath sources;

    @BeforeAll
    static void install() {
        jshell = JShell.builder().executionEngine("local").build();
        sources = new SourcePath(jshell.sourceCodeAnalysis(), SourcePathTest.class.getClassLoader());
        sources.install();
    }

    @AfterAll
    static void close() {
        sources.close();
        jshell.close();
    }

    @Test
    void theShippedSourcesHoldTheRuntimeAndTheDisplayApiUnderAPrefix() {
        List<Path> bundled = sources.roots().stream()
                .filter(root -> root.endsWith(SourcePath.BUNDLED))
                .toList();
        assertEquals(1, bundled.size(), sources.roots().toString());
        Path root = bundled.getFirst();
        assertTrue(Files.exists(root.resolve("org/javaasync/runtime/Asyncio.java")));
        assertTrue(Files.exists(root.resolve("org/javaasync/runtime/sync/Lock.java")));
        assertTrue(Files.exists(root.resolve("org/javaasync/kernel/display/Display.java")));
    }

    @Test
    void theJdkSourcesJShellFindsItselfAreKept() {
        Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        assertTrue(Files.isReadable(srcZip), "this JDK has no lib/src.zip: " + srcZip);
        assertTrue(
                sources.roots().stream().anyMatch(root -> root.endsWith("java.base")),
                "src.zip's java.base is not listed: " + sources.roots());
    }

    @Test
    void aRootAddedLaterIsListedOnce() throws Exception {
        Path dir = Files.createTempDirectory("source-path-test");
        try {
            sources.add(dir);
            sources.add(dir);
            assertEquals(1, sources.roots().stream().filter(dir::equals).count());
        } finally {
            Files.delete(dir);
        }
    }
}
