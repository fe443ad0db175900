package org.javaasync.kernel.maven;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A remote Maven repository the session resolves from: an id (what {@code settings.xml} mirrors and servers refer
 * to) and a URL. Only {@code https} and {@code file} URLs are taken as they are: a jar fetched over plain {@code http}
 * can be replaced by anyone on the network path, so {@code http} needs {@code allowHttp}, as Maven 3.8 blocks it
 * unless told otherwise.
 *
 * @param id        the repository id
 * @param url       the base URL, ending with {@code /}
 * @param allowHttp whether the user explicitly accepted plain {@code http} for this repository
 */
public record Repository(String id, URI url, boolean allowHttp) {

    /** Maven Central, with the id Maven gives it (so {@code mirrorOf central} and downloads by Maven apply). */
    public static final Repository CENTRAL =
            new Repository("central", URI.create("https://repo.maven.apache.org/maven2/"), false);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * A checked repository.
     *
     * @throws ResolutionException if the id is not a simple name, the URL is not an absolute https, file (or, with
     *                             {@code allowHttp}, http) URL
     */
    public static Repository of(String id, String url, boolean allowHttp) throws ResolutionException {
        if (!ID.matcher(id).matches()) {
            throw new ResolutionException("repository id '" + id + "' may only hold letters, digits, '.', '_' and '-'");
        }
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url : url + "/");
        } catch (URISyntaxException e) {
            throw new ResolutionException("repository " + id + ": '" + url + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https" -> requireHost(id, url, uri);
            case "file" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw new ResolutionException(
                            "repository " + id + ": '" + url + "' is not an absolute file URL (file:///path/to/repo)");
                }
            }
            case "http" -> {
                requireHost(id, url, uri);
                if (!allowHttp) {
                    throw new ResolutionException("repository " + id + ": refused plain http URL " + url
                            + " (anyone on the network path could replace its jars); use https, or accept the risk"
                            + " with %mavenRepo --allow-http " + id + " " + url);
                }
            }
            default ->
                throw new ResolutionException("repository " + id + ": '" + url + "' is not an https:// or file:// URL");
        }
        return new Repository(id, uri, "http".equals(scheme));
    }

    private static void requireHost(String id, String url, URI uri) throws ResolutionException {
        if (uri.getHost() == null) {
            throw new ResolutionException("repository " + id + ": '" + url + "' has no host name");
        }
    }

    /** {@code id (url)}, as messages name a repository. */
    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}
