package org.javaasync.kernel.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A Maven repository in a directory, in Maven's layout, with .sha1 and .md5 files: what a test resolves from. */
final class TestRepository {

    private final Path root;

    TestRepository(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    String url() {
        return root.toUri().toString();
    }

    /** Publishes g:a:v with a POM holding {@code pomBody} after its coordinates, and a jar unless packaging is pom. */
    TestRepository publish(String g, String a, String v, String pomBody) throws IOException {
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>" + g + "</groupId><artifactId>" + a
                + "</artifactId><version>" + v + "</version>" + pomBody + "</project>";
        put(path(g, a, v, v, "", "pom"), pom.getBytes(StandardCharsets.UTF_8));
        if (!pomBody.contains("<packaging>pom</packaging>")) {
            put(path(g, a, v, v, "", "jar"), jarBytes(a + "-" + v));
        }
        return this;
    }

    /** Publishes the jar of g:a:v with a classifier (the POM is published separately). */
    TestRepository classified(String g, String a, String v, String classifier) throws IOException {
        put(path(g, a, v, v, classifier, "jar"), jarBytes(a + "-" + v + "-" + classifier));
        return this;
    }

    /** The artifact-level maven-metadata.xml listing {@code versions}, which version ranges read. */
    TestRepository versions(String g, String a, List<String> versions) throws IOException {
        StringBuilder xml = new StringBuilder(
                "<metadata><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><versioning><versions>");
        versions.forEach(v -> xml.append("<version>").append(v).append("</version>"));
        xml.append("</versions><lastUpdated>20240101120000</lastUpdated></versioning></metadata>");
        put(
                g.replace('.', '/') + "/" + a + "/maven-metadata.xml",
                xml.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * A timestamped snapshot of g:a:base-SNAPSHOT, as a deploy writes it: files named
     * {@code a-base-20240101.120000-N}, and the version-level maven-metadata.xml that maps the snapshot to them.
     */
    TestRepository snapshot(String g, String a, String base, int build) throws IOException {
        String version = base + "-SNAPSHOT";
        String stamped = base + "-20240101.120000-" + build;
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>" + g + "</groupId><artifactId>" + a
                + "</artifactId><version>" + version + "</version></project>";
        put(path(g, a, version, stamped, "", "pom"), pom.getBytes(StandardCharsets.UTF_8));
        put(path(g, a, version, stamped, "", "jar"), jarBytes(a + "-" + stamped));
        String xml = "<metadata><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + version
                + "</version><versioning><snapshot><timestamp>20240101.120000</timestamp><buildNumber>" + build
                + "</buildNumber></snapshot><lastUpdated>20240101120000</lastUpdated><snapshotVersions>"
                + "<snapshotVersion><extension>jar</extension><value>" + stamped + "</value>"
                + "<updated>20240101120000</updated></snapshotVersion>"
                + "<snapshotVersion><extension>pom</extension><value>" + stamped + "</value>"
                + "<updated>20240101120000</updated></snapshotVersion>"
                + "</snapshotVersions></versioning></metadata>";
        put(
                g.replace('.', '/') + "/" + a + "/" + version + "/maven-metadata.xml",
                xml.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    static String path(String g, String a, String dirVersion, String fileVersion, String classifier, String ext) {
        return g.replace('.', '/') + "/" + a + "/" + dirVersion + "/" + a + "-" + fileVersion
                + (classifier.isEmpty() ? "" : "-" + classifier) + "." + ext;
    }

    /** Writes {@code body} at {@code relative} with its checksums. */
    void put(String relative, byte[] body) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        Files.writeString(root.resolve(relative + ".sha1"), digest("SHA-1", body));
        Files.writeString(root.resolve(relative + ".md5"), digest("MD5", body));
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    static String digest(String algorithm, byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Not a real jar: the resolver never opens it, and a test tells files apart by their content. */
    private static byte[] jarBytes(String content) {
        return ("content of " + content).getBytes(StandardCharsets.UTF_8);
    }
}
