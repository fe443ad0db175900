package org.javaasync.kernel.magic;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a Maven artifact and its runtime dependencies to jar files, for the {@code %maven} magic: the local
 * repository ({@code ~/.m2/repository}) first, then remote repositories (Maven Central by default), with checksums
 * verified and downloads stored in the local repository's layout so the next kernel finds them offline.
 *
 * <p>What it implements of Maven's rules: parent POM inheritance of properties and {@code dependencyManagement},
 * BOM imports, {@code compile} and {@code runtime} scopes, {@code optional} and {@code exclusions}, and
 * nearest-wins version selection (breadth-first). Version ranges and profiles are not supported; a range is
 * reported as an error naming the artifact.
 */
public final class MavenResolver {

    private static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private final Path localRepository;
    private final List<URI> remotes;
    // Created at the first download, not with the resolver: building an HttpClient initialises TLS (trust store,
    // cipher suites), about 0.2 s that every kernel start paid before answering kernel_info.
    private HttpClient http;
    private final Map<String, Pom> poms = new HashMap<>();

    /**
     * @param localRepository where artifacts are looked up first and downloads are stored
     * @param remotes         repository base URIs, tried in order (each ending with {@code /})
     */
    public MavenResolver(Path localRepository, List<URI> remotes) {
        this.localRepository = localRepository;
        this.remotes = List.copyOf(remotes);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
        return http;
    }

    /**
     * The resolver a kernel uses: {@code ~/.m2/repository} and Maven Central, or the repositories listed
     * (comma-separated) in the environment variable {@code JAVAASYNC_MAVEN_REPOSITORIES}.
     */
    public static MavenResolver standard() {
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String configured = System.getenv("JAVAASYNC_MAVEN_REPOSITORIES");
        List<URI> remotes = configured == null || configured.isBlank()
                ? List.of(CENTRAL)
                : java.util.Arrays.stream(configured.split(","))
                        .map(String::strip)
                        .map(s -> URI.create(s.endsWith("/") ? s : s + "/"))
                        .toList();
        return new MavenResolver(local, remotes);
    }

    /**
     * Resolves {@code coordinates} ({@code groupId:artifactId:version}) and its runtime dependencies.
     *
     * @return the jars, the requested artifact first
     * @throws ResolutionException naming the artifact that could not be found, parsed or verified
     */
    public List<Path> resolve(String coordinates) throws ResolutionException {
        Artifact root = Artifact.parse(coordinates);
        Map<String, Artifact> chosen = new LinkedHashMap<>(); // groupId:artifactId -> nearest version
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(new Node(root, Set.of()));
        while (!queue.isEmpty()) {
            Node node = queue.removeFirst();
            if (chosen.containsKey(node.artifact().key())) {
                continue; // nearest wins: a shallower path already picked a version
            }
            chosen.put(node.artifact().key(), node.artifact());
            for (Pom.Dependency d : pom(node.artifact()).dependencies()) {
                if (d.optional()
                        || !RUNTIME_SCOPES.contains(d.scope())
                        || node.exclusions().contains(d.key())
                        || node.exclusions().contains(d.groupId() + ":*")
                        || !"jar".equals(d.type())) {
                    continue;
                }
                if (d.version().startsWith("[") || d.version().startsWith("(")) {
                    throw new ResolutionException("version ranges are not supported: " + d.key() + ":" + d.version()
                            + " (needed by " + node.artifact() + "); ask %maven for a fixed version of it first");
                }
                Set<String> exclusions = new java.util.HashSet<>(node.exclusions());
                exclusions.addAll(d.exclusions());
                queue.add(new Node(
                        new Artifact(d.groupId(), d.artifactId(), d.version(), d.classifier()),
                        Set.copyOf(exclusions)));
            }
        }
        List<Path> jars = new ArrayList<>();
        for (Artifact a : chosen.values()) {
            if (!"pom".equals(pom(a).packaging())) {
                jars.add(fetch(a, "jar"));
            }
        }
        return jars;
    }

    private record Node(Artifact artifact, Set<String> exclusions) {}

    Pom pom(Artifact a) throws ResolutionException {
        Pom cached = poms.get(a.toString());
        if (cached != null) return cached;
        Path file = fetch(new Artifact(a.groupId(), a.artifactId(), a.version(), ""), "pom");
        Pom pom;
        try (InputStream in = Files.newInputStream(file)) {
            pom = Pom.parse(in, this::pom);
        } catch (IOException | RuntimeException e) {
            throw new ResolutionException("cannot read the POM of " + a + " (" + file + "): " + e.getMessage(), e);
        }
        poms.put(a.toString(), pom);
        return pom;
    }

    /** The file for {@code a} with extension {@code ext}, from the local repository or downloaded into it. */
    private Path fetch(Artifact a, String ext) throws ResolutionException {
        String path = a.path(ext);
        Path local = localRepository.resolve(path);
        if (Files.isRegularFile(local)) {
            return local;
        }
        List<String> tried = new ArrayList<>();
        for (URI remote : remotes) {
            URI uri = remote.resolve(path);
            tried.add(uri.toString());
            try {
                HttpResponse<byte[]> response = http().send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofMinutes(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 404) continue;
                if (response.statusCode() != 200) {
                    throw new ResolutionException("HTTP " + response.statusCode() + " for " + uri);
                }
                verifyChecksum(remote.resolve(path + ".sha1"), response.body(), a);
                Files.createDirectories(local.getParent());
                Path tmp = Files.createTempFile(
                        local.getParent(), local.getFileName().toString(), ".part");
                Files.write(tmp, response.body());
                Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return local;
            } catch (IOException e) {
                throw new ResolutionException("cannot download " + uri + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResolutionException("interrupted while downloading " + uri, e);
            }
        }
        throw new ResolutionException(a + " not found (" + ext + "); looked in " + local + " and " + tried);
    }

    private void verifyChecksum(URI sha1Uri, byte[] body, Artifact a)
            throws IOException, InterruptedException, ResolutionException {
        HttpResponse<String> sha = http().send(
                        HttpRequest.newBuilder(sha1Uri)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (sha.statusCode() != 200) {
            return; // some repositories publish no checksums; the download itself succeeded over TLS
        }
        String expected = sha.body().strip().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
        if (!expected.equals(actual)) {
            throw new ResolutionException("checksum mismatch for " + a + " from " + sha1Uri + ": expected " + expected
                    + ", got " + actual + "; not using it");
        }
    }

    /** An artifact to resolve: {@code groupId:artifactId:version} with an optional classifier. */
    record Artifact(String groupId, String artifactId, String version, String classifier) {

        static Artifact parse(String coordinates) throws ResolutionException {
            String[] p = coordinates.strip().split(":");
            return switch (p.length) {
                case 3 -> new Artifact(p[0], p[1], p[2], "");
                case 4 -> new Artifact(p[0], p[1], p[3], "");
                case 5 -> new Artifact(p[0], p[1], p[4], p[3]);
                default ->
                    throw new ResolutionException("'" + coordinates
                            + "' is not groupId:artifactId:version (for example org.xerial:sqlite-jdbc:3.47.1.0)");
            };
        }

        String key() {
            return groupId + ":" + artifactId;
        }

        String path(String ext) {
            String file = artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + ext;
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + file;
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier);
        }
    }
}
