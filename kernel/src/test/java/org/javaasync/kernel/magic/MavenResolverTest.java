package org.javaasync.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution against a real HTTP repository served on 127.0.0.1 from files the test writes. */
class MavenResolverTest {

    @TempDir
    Path local;

    private HttpServer server;
    private final Map<String, byte[]> remote = new ConcurrentHashMap<>();
    private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/repo/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/repo/".length());
            requests.add(path);
            byte[] body = remote.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private MavenResolver resolver() {
        return new MavenResolver(
                local,
                List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo/")));
    }

    private void publish(String g, String a, String v, String pomBody, boolean jar) throws Exception {
        String base = g.replace('.', '/') + "/" + a + "/" + v + "/" + a + "-" + v;
        String pom = "<project><modelVersion>4.0.0</modelVersion>" + pomBody + "</project>";
        put(base + ".pom", pom.getBytes(StandardCharsets.UTF_8));
        if (jar) put(base + ".jar", ("jar of " + a).getBytes(StandardCharsets.UTF_8));
    }

    private void put(String path, byte[] body) throws Exception {
        remote.put(path, body);
        remote.put(
                path + ".sha1",
                HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(body))
                        .getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> names(List<Path> jars) {
        return jars.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void resolvesRuntimeDependenciesAndSkipsTestProvidedAndOptionalOnes() throws Exception {
        publish(
                "g",
                "app",
                "1",
                "<groupId>g</groupId><artifactId>app</artifactId><version>1</version><dependencies>"
                        + "<dependency><groupId>g</groupId><artifactId>li"
                        + "b</artifactId><version>2</version></dependency>"
                        + "<dependency><groupId>g</groupId><artifactId>rt</artifactI"
                        + "d><version>1</version><scope>runtime</scope></dependency>"
                        + "<dependency><groupId>g</groupId><artifactId>junit</artifa"
                        + "ctId><version>1</version><scope>test</scope></dependency>"
                        + "<dependency><groupId>g</groupId><artifactId>jdk</artifactI"
                        + "d><version>1</version><scope>provided</scope></dependency>"
                        + "<dependency><groupId>g</groupId><artifactId>log</artifactId"
                        + "><version>1</version><optional>true</optional></dependency>"
                        + "</dependencies>",
                true);
        publish("g", "lib", "2", "<groupId>g</groupId><artifactId>lib</artifactId><version>2</version>", true);
        publish("g", "rt", "1", "<groupId>g</groupId><artifactId>rt</artifactId><version>1</version>", true);

        assertEquals(
                List.of("app-1.jar", "lib-2.jar", "rt-1.jar"), names(resolver().resolve("g:app:1")));
        assertTrue(Files.isRegularFile(local.resolve("g/lib/2/lib-2.jar")), "downloads land in the local repository");
    }

    @Test
    void versionsComeFromParentPropertiesAndManagementAndNearestWins() throws Exception {
        publish(
                "g",
                "parent",
                "5",
                "<groupId>g</groupId><artifactId>parent</artifactId><version>5</version>"
                        + "<packaging>pom</packaging><properties><lib.version>3</lib.version></properties>"
                        + "<dependencyManagement><dependencies><dependency>"
                        + "<groupId>g</groupId><artifactId>lib</artifactId>"
                        + "<version>${lib.version}</version></dependency></dependencies></dependencyManagement>",
                false);
        publish(
                "g",
                "app",
                "5",
                "<parent><groupId>g</groupId><artifactId>parent</artifactId><version>5</version></parent>"
                        + "<artifactId>app</artifactId><dependencies>"
                        + "<dependency><groupId>g</groupId><artifactId>lib</artifactId></dependency>"
                        + "<dependency><groupId>g</groupId><artifactId>mid</artifa"
                        + "ctId><version>${project.version}</version></dependency>"
                        + "</dependencies>",
                true);
        publish(
                "g",
                "mid",
                "5",
                "<groupId>g</groupId><artifactId>mid</artifactId><version>5</version><dependencies>"
                        + "<dependency><groupId>g</groupId><artifactId>li"
                        + "b</artifactId><version>1</version></dependency>"
                        + "</dependencies>",
                true);
        publish("g", "lib", "3", "<groupId>g</groupId><artifactId>lib</artifactId><version>3</version>", true);

        assertEquals(
                List.of("app-5.jar", "lib-3.jar", "mid-5.jar"), names(resolver().resolve("g:app:5")));
    }

    @Test
    void exclusionsPruneTheSubtree() throws Exception {
        publish(
                "g",
                "app",
                "1",
                "<groupId>g</groupId><artifactId>app</artifactId><version>1</version><dependencies>"
                        + "<dependency><groupId>g</groupId><artifactId>lib</artifactId><version>1</version><exclusions>"
                        + "<exclusion><groupId>g</groupId><artifactId>bad</"
                        + "artifactId></exclusion></exclusions></dependency>"
                        + "</dependencies>",
                true);
        publish(
                "g",
                "lib",
                "1",
                "<groupId>g</groupId><artifactId>lib</artifactId><version>1</version><dependencies>"
                        + "<dependency><groupId>g</groupId><artifactId>ba"
                        + "d</artifactId><version>1</version></dependency>"
                        + "</dependencies>",
                true);
        assertEquals(List.of("app-1.jar", "lib-1.jar"), names(resolver().resolve("g:app:1")));
    }

    @Test
    void theLocalRepositoryIsUsedWithoutAskingTheRemote() throws Exception {
        publish("g", "solo", "1", "<groupId>g</groupId><artifactId>solo</artifactId><version>1</version>", true);
        resolver().resolve("g:solo:1");
        requests.clear();
        assertEquals(List.of("solo-1.jar"), names(resolver().resolve("g:solo:1")));
        assertEquals(List.of(), requests);
    }

    @Test
    void aCorruptDownloadIsRejectedByItsChecksum() throws Exception {
        publish("g", "solo", "1", "<groupId>g</groupId><artifactId>solo</artifactId><version>1</version>", true);
        remote.put(
                "g/solo/1/solo-1.jar.sha1",
                "0000000000000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII));
        ResolutionException e =
                assertThrows(ResolutionException.class, () -> resolver().resolve("g:solo:1"));
        assertTrue(e.getMessage().contains("checksum mismatch for g:solo:1"), e.getMessage());
        assertTrue(Files.notExists(local.resolve("g/solo/1/solo-1.jar")));
    }

    @Test
    void aMissingArtifactSaysWhereItLooked() {
        ResolutionException e =
                assertThrows(ResolutionException.class, () -> resolver().resolve("g:nothing:9"));
        assertTrue(e.getMessage().contains("g:nothing:9 not found"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void badCoordinatesGetAnExample() {
        ResolutionException e =
                assertThrows(ResolutionException.class, () -> resolver().resolve("sqlite-jdbc"));
        assertTrue(e.getMessage().contains("groupId:artifactId:version"), e.getMessage());
    }
}
