package org.javaasync.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repositories from JAVAASYNC_MAVEN_REPOSITORIES and %mavenRepo: what is taken, what is refused and why. */
class RepositoryConfigTest {

    private final List<String> warnings = new ArrayList<>();

    @Test
    void unsetOrBlankMeansMavenCentral() {
        assertEquals(List.of(Repository.CENTRAL), RepositoryConfig.parse(null, warnings::add));
        assertEquals(List.of(Repository.CENTRAL), RepositoryConfig.parse("  ", warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void entriesAreUrlsOrIdEqualsUrlSeparatedByCommasOrSpaces() {
        List<Repository> repositories = RepositoryConfig.parse(
                "https://repo.maven.apache.org/maven2, google=https://maven.google.com file:///srv/repo",
                warnings::add);
        assertEquals(
                List.of("central", "google", "repository-3"),
                repositories.stream().map(Repository::id).toList());
        assertEquals(
                URI.create("https://maven.google.com/"), repositories.get(1).url());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aBadEntryIsReportedAndLeftOutAndTheOthersKept() {
        List<Repository> repositories =
                RepositoryConfig.parse("not a uri/ x,https://repo.example.org/maven", warnings::add);
        assertEquals(
                List.of(URI.create("https://repo.example.org/maven/")),
                repositories.stream().map(Repository::url).toList());
        assertEquals(4, warnings.size(), warnings.toString()); // "not", "a", "uri/", "x": each left out and said
        assertTrue(warnings.getFirst().contains("'not'"), warnings.toString());
    }

    @Test
    void nothingUsableFallsBackToCentralAndSaysSo() {
        assertEquals(List.of(Repository.CENTRAL), RepositoryConfig.parse("http://insecure.example/ ::", warnings::add));
        assertTrue(warnings.get(0).contains("refused plain http"), warnings.toString());
        assertTrue(warnings.getLast().contains("lists no usable repository"), warnings.toString());
    }

    @Test
    void plainHttpNeedsToBeAskedFor() throws ResolutionException {
        ResolutionException e =
                assertThrows(ResolutionException.class, () -> Repository.of("corp", "http://repo.example.org/", false));
        assertTrue(e.getMessage().contains("%mavenRepo --allow-http corp http://repo.example.org/"), e.getMessage());
        assertTrue(Repository.of("corp", "http://repo.example.org/", true).allowHttp());
        assertThrows(ResolutionException.class, () -> Repository.of("x", "ftp://repo.example.org/", true));
        assertThrows(ResolutionException.class, () -> Repository.of("x", "https:///no-host", false));
        assertThrows(ResolutionException.class, () -> Repository.of("a/b", "https://repo.example.org/", false));
    }

    @Test
    void proxiesComeFromTheEnvironmentAsCurlReadsThem() {
        var proxy = EnvironmentProxies.parse("https", "http://alice:s%40cret@proxy.corp:3128");
        assertEquals("proxy.corp", proxy.getHost());
        assertEquals(3128, proxy.getPort());
        assertEquals("https", proxy.getType());
        assertTrue(proxy.getAuthentication() != null);
        assertEquals(80, EnvironmentProxies.parse("http", "proxy.corp").getPort());
        assertEquals(null, EnvironmentProxies.parse("http", "http://"));
        assertEquals(
                "localhost|*.localhost|*.corp.example", EnvironmentProxies.nonProxyHosts("localhost, .corp.example"));
    }
}
