package org.javaasync.kernel.maven;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Proxies from the environment, as curl, pip and most tools read them: {@code HTTPS_PROXY} for https
 * repositories, {@code HTTP_PROXY} for http ones (either in lower case too), {@code http://[user:password@]host:port}
 * each, and {@code NO_PROXY}, a comma-separated list of hosts and domain suffixes that go direct. A value that is
 * not such a URL is logged and ignored.
 */
final class EnvironmentProxies {

    private static final Logger LOG = Logger.getLogger(EnvironmentProxies.class.getName());

    private EnvironmentProxies() {}

    static void addTo(DefaultProxySelector selector, Map<String, String> environment) {
        String nonProxyHosts = nonProxyHosts(first(environment, "NO_PROXY", "no_proxy"));
        for (String type : List.of("https", "http")) {
            String name = type.toUpperCase(Locale.ROOT) + "_PROXY";
            String value = first(environment, name, name.toLowerCase(Locale.ROOT));
            if (value == null || value.isBlank()) {
                continue;
            }
            Proxy proxy = parse(type, value.strip());
            if (proxy == null) {
                LOG.warning(() -> name + "='" + value + "' is not http://[user:password@]host:port; not used");
            } else {
                selector.add(proxy, nonProxyHosts);
            }
        }
    }

    /** A proxy for repositories of {@code type} ({@code https} or {@code http}), or {@code null} if malformed. */
    static Proxy parse(String type, String value) {
        try {
            URI uri = new URI(value.contains("://") ? value : "http://" + value);
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            Authentication auth = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                auth = new AuthenticationBuilder()
                        .addUsername(URLDecoder.decode(parts[0], StandardCharsets.UTF_8))
                        .addPassword(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "")
                        .build();
            }
            return new Proxy(type, uri.getHost(), port, auth);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code NO_PROXY}'s {@code a.com,.b.org,localhost} as the resolver's {@code a.com|*.b.org|localhost}. */
    static String nonProxyHosts(String noProxy) {
        if (noProxy == null || noProxy.isBlank()) {
            return null;
        }
        List<String> hosts = new ArrayList<>();
        for (String entry : noProxy.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                hosts.add("*");
            } else if (entry.startsWith(".")) {
                hosts.add("*" + entry);
            } else {
                hosts.add(entry);
                hosts.add("*." + entry);
            }
        }
        return String.join("|", hosts);
    }

    private static String first(Map<String, String> environment, String upper, String lower) {
        String value = environment.get(upper);
        return value != null ? value : environment.get(lower);
    }
}
