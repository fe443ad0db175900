package org.javaasync.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.jshell.JShellEvaluator;
import org.javaasync.kernel.maven.MavenSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %classpath} and {@code %maven} with jars built by the test, in a real JShell session. */
class ClasspathMagicsTest {

    @TempDir
    static Path dir;

    private static CountingEvaluator evaluator;
    private static Path repository;
    private final RecordingOutput output = new RecordingOutput();
    private Magics magics;

    @BeforeAll
    static void start() throws IOException {
        evaluator = new CountingEvaluator(new JShellEvaluator());
        repository = dir.resolve("m2");
        // demo:words:1.0 holds Words; demo:greeter:1.0 holds Greeter, which uses Words and depends on demo:words.
        Path words = jar(
                "words",
                "Words",
                "package demo.words; public class Words { public static String hi() { return \"hi\"; } }",
                null);
        Path greeter = jar(
                "greeter",
                "Greeter",
                "package demo.greeter; public class Greeter { public String hello() {"
                        + " return demo.words.Words.hi() + \" from a jar\"; } }",
                words);
        publish("words", words, "");
        publish(
                "greeter",
                greeter,
                "<dependencies><dependency><groupId>demo</groupId><artifactId>words</artifactId>"
                        + "<version>1.0</version></dependency></dependencies>");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @BeforeEach
    void setUp() {
        Output.setSink(output);
        ClasspathMagics classpath = new ClasspathMagics();
        magics = classpath.registerIn(new Magics());
        // No remote repository: the artifacts are in the local one, as after an earlier download.
        MavenSession maven = new MavenSession(List.of(), repository, dir.resolve("settings.xml"), Map.of());
        new MavenMagics(maven, classpath).registerIn(magics);
    }

    @AfterEach
    void tearDown() {
        Output.setSink(null);
    }

    /** Compiles one class of package demo.NAME into its own jar. */
    private static Path jar(String name, String className, String source, Path classpath) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + name));
        Path classes = Files.createDirectories(dir.resolve("classes-" + name));
        Path file = src.resolve(className + ".java");
        Files.writeString(file, source);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        if (classpath != null) {
            args.addAll(List.of("-cp", classpath.toString()));
        }
        args.add(file.toString());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)));
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void publish(String artifact, Path jar, String dependencies) throws IOException {
        Path target = Files.createDirectories(repository.resolve("demo/" + artifact + "/1.0"));
        Files.copy(jar, target.resolve(artifact + "-1.0.jar"));
        try (OutputStream pom = Files.newOutputStream(target.resolve(artifact + "-1.0.pom"))) {
            pom.write(("<project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>" + artifact
                            + "</artifactId><version>1.0</version>" + dependencies + "</project>")
                    .getBytes());
        }
    }

    private static Object value(EvalOutcome outcome) {
        if (outcome instanceof EvalOutcome.Error error) {
            throw new AssertionError("cell failed: " + String.join("\n", error.traceback()));
        }
        return assertInstanceOf(EvalOutcome.Value.class, outcome).value();
    }

    // One session for the class, as in a notebook: the jars added by one test stay for the next, so each test
    // adds its own jar first.

    @Test
    void classpathAddsAJarThatTheSameCellsJavaImports() throws IOException {
        Path jar = jar(
                "same-cell",
                "Echo",
                "package demo.echo; public class Echo { public static String of(String s) {" + " return s + s; } }",
                null);
        Object value = value(
                magics.run("%classpath " + jar + "\nimport demo.echo.Echo;\nEcho.of(\"ab\")", evaluator, nextCell()));
        assertEquals("abab", value);
        assertEquals("Added to the class path:\n  " + jar + "\n", output.stdout.toString());
    }

    @Test
    void mavenAddsAnArtifactAndItsDependenciesForLaterCells() {
        magics.run("%maven demo:greeter:1.0", evaluator, nextCell());
        String printed = output.stdout.toString();
        assertTrue(printed.contains("greeter-1.0.jar") && printed.contains("words-1.0.jar"), printed);
        assertEquals("hi from a jar", value(magics.run("new demo.greeter.Greeter().hello()", evaluator, nextCell())));
    }

    @Test
    void aJarAlreadyAddedIsNotAddedTwice() throws IOException {
        Path jar = jar("twice", "Twice", "package demo.twice; public class Twice {}", null);
        magics.run("%classpath " + jar, evaluator, nextCell());
        int calls = evaluator.classpath.size();
        magics.run("%classpath " + jar, evaluator, nextCell());
        assertEquals(calls, evaluator.classpath.size());
        assertTrue(
                output.stdout.toString().endsWith("Already on the class path: nothing added.\n"),
                output.stdout.toString());
    }

    @Test
    void aDirectoryStarAddsEveryJarInIt() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path jar = jar(
                "star", "Star", "package demo.star; public class Star { public static int n() { return 7; } }", null);
        Files.copy(jar, lib.resolve("star.jar"));
        assertEquals(7, value(magics.run("%classpath " + lib + "/*\ndemo.star.Star.n()", evaluator, nextCell())));
    }

    @Test
    void aMissingPathOrArtifactIsAUsageErrorAndTheJavaDoesNotRun() {
        EvalOutcome.Error missing = assertInstanceOf(
                EvalOutcome.Error.class,
                magics.run("%classpath " + dir.resolve("nothing.jar") + "\n1", evaluator, nextCell()));
        assertTrue(missing.evalue().contains("nothing.jar does not exist"), missing.evalue());
        EvalOutcome.Error unresolved =
                assertInstanceOf(EvalOutcome.Error.class, magics.run("%maven demo:absent:1.0", evaluator, nextCell()));
        assertTrue(unresolved.evalue().startsWith("%maven could not resolve demo:absent:1.0"), unresolved.evalue());
        EvalOutcome.Error noArgs =
                assertInstanceOf(EvalOutcome.Error.class, magics.run("%maven", evaluator, nextCell()));
        assertTrue(noArgs.evalue().contains("e.g. %maven org.xerial:sqlite-jdbc:3.47.1.0"), noArgs.evalue());
    }

    private int cells;

    /** The run of the next cell, numbered as the kernel numbers cells. */
    private CellRun nextCell() {
        return CellRun.of(++cells);
    }
}
