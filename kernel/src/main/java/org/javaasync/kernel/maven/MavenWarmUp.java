package org.javaasync.kernel.maven;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resolves one artifact from a repository served on the loopback, into a temporary local repository: what the
 * installer's warm-up run does so that the class-data-sharing archive it trains holds the resolver's classes (model
 * builder, collector, connector, HTTP transport). A session's first {@code %maven} then maps them from the archive
 * instead of loading and verifying them from the jar; a kernel start is unaffected, as archived classes load only
 * when used.
 */
public final class MavenWarmUp {

    private static final String GROUP = "org.javaasync.warmup";

    private MavenWarmUp() {}

    /**
     * Runs one resolution; leaves nothing behind.
     *
     * @throws ResolutionException if the resolver does not work (a packaging error of the kernel jar)
     * @throws IOException         if the temporary files or the loopback server cannot be made
     */
    public static void run() throws IOException, ResolutionException {
        Path dir = Files.createTempDirectory("java-async-warm-up");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            Path repo = dir.resolve("repo");
            String base = GROUP.replace('.', '/') + "/warm/1/warm-1";
            publish(
                    repo,
                    base + ".pom",
                    ("<project><modelVersion>4.0.0</modelVersion><groupId>" + GROUP
                                    + "</groupId><artifactId>warm</artifactId><version>1</version></project>")
                            .getBytes(StandardCharsets.UTF_8));
            publish(repo, base + ".jar", new byte[] {
                'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            });
            server.createContext("/", exchange -> {
                Path file = repo.resolve(exchange.getRequestURI().getPath().substring(1))
                        .normalize();
                if (file.startsWith(repo) && Files.isRegularFile(file)) {
                    byte[] body = Files.readAllBytes(file);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
                exchange.close();
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            MavenSession session = new MavenSession(
                    List.of(Repository.of("warm-up", url, true)),
                    dir.resolve("local"),
                    dir.resolve("settings.xml"),
                    Map.of());
            session.resolve(List.of(GROUP + ":warm:1"), List.of(), line -> {});
        } finally {
            server.stop(0);
            delete(dir);
        }
    }

    private static void publish(Path repo, String path, byte[] body) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        try {
            Files.writeString(
                    repo.resolve(path + ".sha1"),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
