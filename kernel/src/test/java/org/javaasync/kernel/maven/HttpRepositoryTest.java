package org.javaasync.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution over HTTP from a repository served on 127.0.0.1 that asks for credentials: the settings' servers
 * supply them, and a proxy from HTTP_PROXY is used. Plain http here, on the loopback, accepted with allowHttp.
 */
class HttpRepositoryTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private TestRepository files;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        files = new TestRepository(Files.createDirectories(dir.resolve("served")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("alice:wonder".getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            // A proxy gets the absolute URL in the request line; a server, the path.
            String uri = exchange.getRequestURI().toString();
            requests.add(uri);
            String path = exchange.getRequestURI().getPath().substring("/repo/".length());
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"repo\"");
                exchange.sendResponseHeaders(401, -1);
            } else if (Files.isRegularFile(files.file(path))) {
                byte[] body = Files.readAllBytes(files.file(path));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private MavenSession session(String settings, Map<String, String> environment) throws Exception {
        Files.writeString(dir.resolve("settings.xml"), settings);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo/";
        return new MavenSession(
                List.of(Repository.of("private", url, true)),
                dir.resolve("local"),
                dir.resolve("settings.xml"),
                environment);
    }

    @Test
    void theSettingsServerCredentialsAreSentToTheRepositoryWithItsId() throws Exception {
        files.publish("g", "secret", "1", "");
        MavenSession withCredentials = session(
                "<settings><servers><server><id>private</id><username>alice</username><password>wonder</password>"
                        + "</server></servers></settings>",
                Map.of());

        var added = withCredentials
                .resolve(List.of("g:secret:1"), List.of(), DownloadListener.NONE)
                .added();

        assertEquals("g:secret:1", added.getFirst().toString());
    }

    @Test
    void withoutCredentialsTheErrorSaysWhichRepositoryRefused() throws Exception {
        files.publish("g", "secret", "1", "");
        MavenSession anonymous = session("<settings/>", Map.of());

        ResolutionException e = assertThrows(
                ResolutionException.class,
                () -> anonymous.resolve(List.of("g:secret:1"), List.of(), DownloadListener.NONE));

        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("private (http://127.0.0.1"), e.getMessage());
    }

    @Test
    void aProxyFromTheEnvironmentCarriesTheRequests() throws Exception {
        files.publish("g", "secret", "1", "");
        // The test server plays the proxy: requests reach it as absolute URLs of a host that does not exist.
        MavenSession proxied = new MavenSession(
                List.of(Repository.of("private", "http://repo.invalid/repo/", true)),
                dir.resolve("local"),
                dir.resolve("settings.xml"),
                Map.of("HTTP_PROXY", "http://127.0.0.1:" + server.getAddress().getPort()));
        Files.writeString(
                dir.resolve("settings.xml"),
                "<settings><servers><server><id>private</id><username>alice</username><password>wonder</password>"
                        + "</server></servers></settings>");

        proxied.resolve(List.of("g:secret:1"), List.of(), DownloadListener.NONE);

        assertTrue(
                requests.stream().anyMatch(r -> r.startsWith("http://repo.invalid/repo/g/secret/1/")),
                requests.toString());
    }
}
