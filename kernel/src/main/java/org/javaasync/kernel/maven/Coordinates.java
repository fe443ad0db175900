package org.javaasync.kernel.maven;

import java.util.regex.Pattern;

/**
 * Maven coordinates as a user writes them after {@code %maven}: {@code groupId:artifactId:version},
 * {@code groupId:artifactId:extension:version}, {@code groupId:artifactId:extension:classifier:version} (Maven's own
 * order), or {@code groupId:artifactId} when a BOM imported earlier manages the version.
 *
 * <p>Every part becomes a directory or file name in the local repository ({@code g/r/o/u/p/artifact/version/...}),
 * so parts that could leave it are refused here, with a message that says which part: a {@code ..} or {@code /} in a
 * version, a group id starting with a dot, control characters. The resolver refuses the same in every coordinate it
 * meets in POMs (dependencies, parents, BOMs), before any look-up.
 *
 * @param groupId    the group id
 * @param artifactId the artifact id
 * @param extension  the file extension ({@code jar} unless written)
 * @param classifier the classifier, or empty
 * @param version    the version or version range; empty when a BOM is to supply it
 */
public record Coordinates(String groupId, String artifactId, String extension, String classifier, String version) {

    /** Group ids are dotted names: each dot-separated part becomes a directory, so none may be empty. */
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    /** Artifact ids, classifiers and extensions: Maven's model validator's characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** Versions and version ranges: anything printable but path separators, a colon and what a shell quotes. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+~\\-\\[\\]\\(\\),]+");

    private static final String EXAMPLE = "for example %maven org.xerial:sqlite-jdbc:3.47.1.0";

    /**
     * Parses and checks {@code text}.
     *
     * @throws ResolutionException if it is not coordinates, or a part could reach outside the local repository
     */
    public static Coordinates parse(String text) throws ResolutionException {
        String[] p = text.strip().split(":", -1);
        Coordinates c = switch (p.length) {
            case 2 -> new Coordinates(p[0], p[1], "jar", "", "");
            case 3 -> new Coordinates(p[0], p[1], "jar", "", p[2]);
            case 4 -> new Coordinates(p[0], p[1], p[2], "", p[3]);
            case 5 -> new Coordinates(p[0], p[1], p[2], p[3], p[4]);
            default ->
                throw new ResolutionException("'" + text + "' is not groupId:artifactId:version, nor"
                        + " groupId:artifactId:extension[:classifier]:version (" + EXAMPLE + ")");
        };
        String problem = problem(c.groupId, c.artifactId, c.extension, c.classifier, c.version, true);
        if (problem != null) {
            throw new ResolutionException("'" + text + "': " + problem + " (" + EXAMPLE + ")");
        }
        return c;
    }

    private static String problem(
            String groupId,
            String artifactId,
            String extension,
            String classifier,
            String version,
            boolean versionMayBeEmpty) {
        if (groupId.isEmpty() || artifactId.isEmpty()) {
            return "the group id and the artifact id must not be empty";
        }
        if (!GROUP.matcher(groupId).matches()) {
            return "the group id '" + groupId + "' is not a dotted name of letters, digits, '_' and '-'";
        }
        String bad = badName("artifact id", artifactId);
        if (bad == null && !extension.isEmpty()) {
            bad = badName("extension", extension);
        }
        if (bad == null && !classifier.isEmpty()) {
            bad = badName("classifier", classifier);
        }
        if (bad != null) {
            return bad;
        }
        if (version.isEmpty()) {
            return versionMayBeEmpty ? null : "the version is empty";
        }
        if (!VERSION.matcher(version).matches() || version.equals(".") || version.equals("..")) {
            return "the version '" + printable(version) + "' has characters a version never has (a path separator,"
                    + " '..' alone, a space or a control character)";
        }
        return null;
    }

    private static String badName(String what, String value) {
        if (!NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            return "the " + what + " '" + printable(value) + "' may only hold letters, digits, '.', '_' and '-'";
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Whether the version is left to a BOM. */
    public boolean versionless() {
        return version.isEmpty();
    }

    /** {@code groupId:artifactId[:extension[:classifier]]}, without the version: what identifies one jar. */
    public String key() {
        return key(groupId, artifactId, extension, classifier);
    }

    /** The key of an artifact: the same artifact in two versions has one key. */
    static String key(String groupId, String artifactId, String extension, String classifier) {
        return groupId + ":" + artifactId + ("jar".equals(extension) && classifier.isEmpty() ? "" : ":" + extension)
                + (classifier.isEmpty() ? "" : ":" + classifier);
    }

    /** With {@code newVersion} instead of this version. */
    public Coordinates withVersion(String newVersion) {
        return new Coordinates(groupId, artifactId, extension, classifier, newVersion);
    }

    /** As Maven writes them: {@code g:a[:ext[:classifier]]:version}. */
    @Override
    public String toString() {
        return key() + (version.isEmpty() ? "" : ":" + version);
    }
}
