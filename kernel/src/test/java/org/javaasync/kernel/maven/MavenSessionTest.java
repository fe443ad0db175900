package org.javaasync.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution as Maven does it, against repositories the tests write in Maven's layout (file:// URLs) and a fresh
 * local repository: scopes, nearest wins across the session's requests, ranges, classifiers, relocations, BOMs,
 * snapshots, and the refusals (bad or missing checksums, paths out of the local repository).
 */
class MavenSessionTest {

    @TempDir
    Path dir;

    private TestRepository remote;
    private Path local;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        remote = new TestRepository(Files.createDirectories(dir.resolve("remote")));
        local = dir.resolve("local");
    }

    private MavenSession session() throws ResolutionException {
        return session(Map.of());
    }

    private MavenSession session(Map<String, String> environment) throws ResolutionException {
        return new MavenSession(
                List.of(Repository.of("test", remote.url(), false)), local, dir.resolve("settings.xml"), environment);
    }

    private MavenSession.Resolution resolve(MavenSession session, String... coordinates) throws ResolutionException {
        return session.resolve(List.of(coordinates), List.of(), progress::add);
    }

    private static List<String> names(List<ResolvedArtifact> artifacts) {
        return artifacts.stream().map(ResolvedArtifact::toString).toList();
    }

    private static String dependency(String g, String a, String v, String extra) {
        return "<dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId>"
                + (v == null ? "" : "<version>" + v + "</version>") + extra + "</dependency>";
    }

    private static String dependencies(String... deps) {
        return "<dependencies>" + String.join("", deps) + "</dependencies>";
    }

    @Test
    void resolvesRuntimeDependenciesAndLeavesOutTestProvidedAndOptionalOnes() throws Exception {
        remote.publish(
                "g",
                "app",
                "1",
                dependencies(
                        dependency("g", "lib", "2", ""),
                        dependency("g", "rt", "1", "<scope>runtime</scope>"),
                        dependency("g", "junit", "1", "<scope>test</scope>"),
                        dependency("g", "jdk", "1", "<scope>provided</scope>"),
                        dependency("g", "log", "1", "<optional>true</optional>")));
        remote.publish("g", "lib", "2", "").publish("g", "rt", "1", "");

        MavenSession.Resolution r = resolve(session(), "g:app:1");

        assertEquals(List.of("g:app:1", "g:lib:2", "g:rt:1"), names(r.added()));
        for (ResolvedArtifact a : r.added()) {
            assertTrue(
                    a.file().startsWith(local) && Files.isRegularFile(a.file()),
                    a.file().toString());
        }
        assertTrue(progress.getLast().startsWith("Downloaded "), progress.toString());
    }

    @Test
    void theSessionsRequestsAreResolvedTogetherSoTheNearestVersionWins() throws Exception {
        // app -> lib:1 (depth 2); tool -> mid -> lib:2 (depth 3): Maven takes lib:1 whichever cell came first.
        remote.publish("g", "app", "1", dependencies(dependency("g", "lib", "1", "")));
        remote.publish("g", "tool", "1", dependencies(dependency("g", "mid", "1", "")));
        remote.publish("g", "mid", "1", dependencies(dependency("g", "lib", "2", "")));
        remote.publish("g", "lib", "1", "").publish("g", "lib", "2", "");
        MavenSession session = session();

        assertEquals(
                List.of("g:tool:1", "g:mid:1", "g:lib:2"),
                names(resolve(session, "g:tool:1").added()));
        MavenSession.Resolution second = resolve(session, "g:app:1");

        assertEquals(List.of("g:app:1"), names(second.added()));
        assertEquals(List.of("g:tool:1", "g:mid:1"), names(second.alreadyLoaded()));
        assertEquals(1, second.clashes().size(), second.clashes().toString());
        assertTrue(
                second.clashes().getFirst().startsWith("g:lib: 2 is loaded;"),
                second.clashes().toString());
        assertTrue(
                second.clashes().getFirst().contains("it is now 1"),
                second.clashes().toString());
    }

    @Test
    void aVersionRangeTakesTheHighestVersionInIt() throws Exception {
        remote.publish("g", "lib", "1.0", "").publish("g", "lib", "1.5", "").publish("g", "lib", "2.0", "");
        remote.versions("g", "lib", List.of("1.0", "1.5", "2.0"));

        assertEquals(
                List.of("g:lib:1.5"),
                names(resolve(session(), "g:lib:[1.0,2.0)").added()));
    }

    @Test
    void aClassifierSelectsItsOwnJar() throws Exception {
        remote.publish("g", "native", "1", "").classified("g", "native", "1", "linux-x86_64");

        ResolvedArtifact jar =
                resolve(session(), "g:native:jar:linux-x86_64:1").added().getFirst();

        assertEquals("g:native:jar:linux-x86_64:1", jar.toString());
        assertEquals("native-1-linux-x86_64.jar", jar.file().getFileName().toString());
        assertEquals("content of native-1-linux-x86_64", Files.readString(jar.file()));
    }

    @Test
    void aRelocatedArtifactResolvesToItsNewCoordinates() throws Exception {
        remote.publish(
                "old",
                "lib",
                "1",
                "<packaging>pom</packaging><distributionManagement><relocation><groupId>new</groupId>"
                        + "</relocation></distributionManagement>");
        remote.publish("new", "lib", "1", "");

        assertEquals(List.of("new:lib:1"), names(resolve(session(), "old:lib:1").added()));
    }

    @Test
    void anImportedBomSuppliesVersionsToTheSessionAndToPoms() throws Exception {
        remote.publish(
                "g",
                "bom",
                "3",
                "<packaging>pom</packaging><dependencyManagement>"
                        + dependencies(dependency("g", "lib", "3", ""), dependency("g", "util", "7", ""))
                        + "</dependencyManagement>");
        // app imports the BOM itself (scope import) and declares util without a version.
        remote.publish(
                "g",
                "app",
                "1",
                "<dependencyManagement>"
                        + dependencies(dependency("g", "bom", "3", "<type>pom</type><scope>import</scope>"))
                        + "</dependencyManagement>" + dependencies(dependency("g", "util", null, "")));
        remote.publish("g", "lib", "3", "").publish("g", "util", "7", "");
        MavenSession session = session();

        MavenSession.Resolution r = session.resolve(List.of("g:lib"), List.of("g:bom:3"), progress::add);
        assertEquals(List.of("g:lib:3"), names(r.added()));
        assertEquals(
                List.of("g:app:1", "g:util:7"),
                names(resolve(session, "g:app:1").added()));
    }

    @Test
    void aBomAloneIsImportedForLaterCellsAndAddsNothing() throws Exception {
        remote.publish(
                "g",
                "bom",
                "3",
                "<packaging>pom</packaging><dependencyManagement>" + dependencies(dependency("g", "lib", "3", ""))
                        + "</dependencyManagement>");
        remote.publish("g", "lib", "3", "");
        MavenSession session = session();

        assertEquals(
                List.of(),
                session.resolve(List.of(), List.of("g:bom:3"), progress::add).added());
        assertEquals(List.of("g:lib:3"), names(resolve(session, "g:lib").added()));
        ResolutionException missing = assertThrows(
                ResolutionException.class, () -> session.resolve(List.of(), List.of("g:nobom:1"), progress::add));
        assertTrue(missing.getMessage().contains("cannot read the BOM g:nobom:1"), missing.getMessage());
    }

    @Test
    void aVersionlessCoordinateWithoutABomSaysHowToFixIt() {
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(session(), "g:lib"));
        assertTrue(e.getMessage().contains("g:lib has no version"), e.getMessage());
        assertTrue(e.getMessage().contains("--bom"), e.getMessage());
    }

    @Test
    void aSnapshotResolvesToItsLatestTimestampedBuild() throws Exception {
        remote.snapshot("g", "snap", "1.0", 4);

        ResolvedArtifact jar = resolve(session(), "g:snap:1.0-SNAPSHOT").added().getFirst();

        assertEquals("content of snap-1.0-20240101.120000-4", Files.readString(jar.file()));
    }

    @Test
    void aDownloadWithAWrongChecksumFailsAndIsNotKept() throws Exception {
        remote.publish("g", "solo", "1", "");
        Files.writeString(
                remote.file(TestRepository.path("g", "solo", "1", "1", "", "jar") + ".sha1"),
                "0000000000000000000000000000000000000000");

        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(session(), "g:solo:1"));

        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("g:solo:jar:1"), e.getMessage());
        assertFalse(Files.exists(local.resolve("g/solo/1/solo-1.jar")));
    }

    @Test
    void aDownloadWithoutAnyChecksumFails() throws Exception {
        remote.publish("g", "solo", "1", "");
        String jar = TestRepository.path("g", "solo", "1", "1", "", "jar");
        Files.delete(remote.file(jar + ".sha1"));
        Files.delete(remote.file(jar + ".md5"));

        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(session(), "g:solo:1"));

        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
        assertFalse(Files.exists(local.resolve("g/solo/1/solo-1.jar")));
    }

    @Test
    void coordinatesInPomsThatNameAPathOutsideTheLocalRepositoryAreRefused() throws Exception {
        // What an attacker's POM can say: each would make the resolver write and load a file outside the local
        // repository (Maven 3.8's resolver did). Each names its bad part and nothing is written anywhere else.
        List<String[]> declarations = List.of(
                new String[] {
                    "<dependency><groupId>g</groupId><artifactId>lib</artifactId>"
                            + "<version>../../../escaped</version></dependency>",
                    "Invalid version"
                },
                new String[] {
                    "<dependency><groupId>.hidden</groupId><artifactId>lib</artifactId>"
                            + "<version>1</version></dependency>",
                    "Invalid groupId"
                },
                new String[] {
                    "<dependency><groupId>g</groupId><artifactId>lib</artifactId><version>1</version>"
                            + "<classifier>../../x</classifier></dependency>",
                    "Invalid classifier"
                });
        int n = 0;
        for (String[] declaration : declarations) {
            String version = String.valueOf(++n);
            remote.publish("g", "app", version, "<dependencies>" + declaration[0] + "</dependencies>");
            ResolutionException e =
                    assertThrows(ResolutionException.class, () -> resolve(session(), "g:app:" + version));
            assertTrue(e.getMessage().contains(declaration[1]), e.getMessage());
        }
        remote.publish(
                "g",
                "child",
                "1",
                "<parent><groupId>g</groupId><artifactId>parent</artifactId>" + "<version>../../up</version></parent>");
        ResolutionException parent = assertThrows(ResolutionException.class, () -> resolve(session(), "g:child:1"));
        assertTrue(parent.getMessage().contains("Invalid version"), parent.getMessage());
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> outside = files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(local) && !p.startsWith(remote.root()))
                    .toList();
            assertEquals(List.of(), outside);
        }
    }

    @Test
    void coordinatesThatNameAPathAreRefusedBeforeAnyLookUp() {
        for (String bad :
                List.of("g:a:../1", "g:..:1", ".g:a:1", "g:a:1/2", "g..h:a:1", "g:a:jar:../x:1", "g:a:1\t2")) {
            ResolutionException e = assertThrows(ResolutionException.class, () -> Coordinates.parse(bad), bad);
            assertTrue(
                    e.getMessage().startsWith("'" + bad.strip() + "'")
                            || e.getMessage().contains("'"),
                    bad);
        }
        assertThrows(ResolutionException.class, () -> Coordinates.parse("sqlite-jdbc"));
    }

    @Test
    void aMissingArtifactNamesTheCoordinateAndTheRepositoryTried() throws Exception {
        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(session(), "g:nothing:9"));

        assertTrue(e.getMessage().contains("g:nothing"), e.getMessage());
        assertTrue(e.getMessage().contains("test (" + remote.url()), e.getMessage());
    }

    @Test
    void aFailedResolutionChangesNothingAndTheNextOneWorks() throws Exception {
        remote.publish("g", "solo", "1", "");
        MavenSession session = session();
        assertThrows(ResolutionException.class, () -> resolve(session, "g:solo:1", "g:nothing:9"));

        assertEquals(List.of("g:solo:1"), names(resolve(session, "g:solo:1").added()));
    }

    @Test
    void settingsMirrorsRedirectARepository() throws Exception {
        remote.publish("g", "solo", "1", "");
        Files.writeString(
                dir.resolve("settings.xml"),
                "<settings><mirrors><mirror><id>inside</id><mirrorOf>central</mirrorOf><url>" + remote.url()
                        + "</url></mirror></mirrors></settings>");
        MavenSession session =
                new MavenSession(List.of(Repository.CENTRAL), local, dir.resolve("settings.xml"), Map.of());

        assertEquals(List.of("g:solo:1"), names(resolve(session, "g:solo:1").added()));
        assertTrue(progress.getLast().contains("from inside"), progress.toString());
    }

    @Test
    void settingsNameTheLocalRepository() throws Exception {
        remote.publish("g", "solo", "1", "");
        Path elsewhere = dir.resolve("elsewhere");
        Files.writeString(
                dir.resolve("settings.xml"),
                "<settings><localRepository>" + elsewhere + "</localRepository></settings>");

        assertTrue(resolve(session(), "g:solo:1").added().getFirst().file().startsWith(elsewhere));
    }

    @Test
    void brokenSettingsAreAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("settings.xml"), "<settings><mirrors>");

        ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(session(), "g:solo:1"));

        assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
    }
}
