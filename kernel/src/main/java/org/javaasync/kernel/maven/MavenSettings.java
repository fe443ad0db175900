package org.javaasync.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.ConservativeAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * What Maven's {@code settings.xml} says about resolving, read as Maven reads it: the user's
 * ({@code ~/.m2/settings.xml}) over the installation's ({@code $MAVEN_HOME/conf/settings.xml}), with
 * {@code ${env.X}} interpolation and passwords decrypted with {@code ~/.m2/settings-security.xml}. Used: the local
 * repository, offline mode, mirrors, proxies (else the {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY}
 * environment variables, as curl and pip use them), server credentials, and the repositories of active profiles.
 *
 * <p>Plain http is blocked as Maven 3.8 blocks it (its {@code maven-default-http-blocker} mirror of
 * {@code external:http:*}), except for repositories the user accepted with {@code %mavenRepo --allow-http}.
 */
final class MavenSettings {

    private static final Logger LOG = Logger.getLogger(MavenSettings.class.getName());
    private static final String HTTP_BLOCKER = "maven-default-http-blocker";

    private final Settings settings;
    private final Map<String, String> environment;

    private MavenSettings(Settings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /**
     * Reads the settings; missing files are no settings.
     *
     * @param userSettings the user's settings file ({@code ~/.m2/settings.xml})
     * @param environment  the environment ({@code MAVEN_HOME}, proxies, {@code ${env.X}} in the settings)
     * @throws ResolutionException naming the file and line of an error, or a password that cannot be decrypted
     */
    static MavenSettings load(Path userSettings, Map<String, String> environment) throws ResolutionException {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(userSettings.toFile());
        String mavenHome = environment.getOrDefault("MAVEN_HOME", environment.get("M2_HOME"));
        if (mavenHome != null && !mavenHome.isBlank()) {
            request.setGlobalSettingsFile(
                    Path.of(mavenHome, "conf", "settings.xml").toFile());
        }
        Properties system = new Properties();
        system.putAll(System.getProperties());
        environment.forEach((k, v) -> system.setProperty("env." + k, v));
        request.setSystemProperties(system);
        Settings effective;
        try {
            var result = new DefaultSettingsBuilderFactory().newInstance().build(request);
            for (SettingsProblem problem : result.getProblems()) {
                LOG.warning(() -> "Maven settings: " + problem);
            }
            effective = result.getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            List<String> problems = e.getProblems().stream()
                    .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                    .map(SettingsProblem::toString)
                    .toList();
            throw new ResolutionException(
                    "cannot read the Maven settings: " + String.join("; ", problems)
                            + " (fix the file; %maven does not guess mirrors and credentials)",
                    e);
        }
        Path security = userSettings.resolveSibling("settings-security.xml");
        DefaultSettingsDecrypter decrypter = new DefaultSettingsDecrypter(
                new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(), security.toString()));
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(effective));
        List<String> errors = decrypted.getProblems().stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::toString)
                .toList();
        if (!errors.isEmpty()) {
            throw new ResolutionException(
                    "cannot decrypt a password of the Maven settings (" + security + "): " + String.join("; ", errors));
        }
        effective.setServers(decrypted.getServers());
        effective.setProxies(decrypted.getProxies());
        return new MavenSettings(effective, environment);
    }

    /** The local repository the settings name, or {@code defaultRepository}. */
    Path localRepository(Path defaultRepository) {
        String configured = settings.getLocalRepository();
        return configured == null || configured.isBlank() ? defaultRepository : Path.of(configured.strip());
    }

    /** Whether the settings say {@code <offline>true</offline>}. */
    boolean offline() {
        return settings.isOffline();
    }

    /** The environment the settings were read with (POM profiles may test {@code env.X} too). */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * The settings' mirrors, then the http blocker for every repository but {@code httpAllowed} (ids of
     * repositories accepted with {@code --allow-http}).
     */
    MirrorSelector mirrors(Collection<String> httpAllowed) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror mirror : settings.getMirrors()) {
            selector.add(
                    mirror.getId(),
                    mirror.getUrl(),
                    mirror.getLayout(),
                    false,
                    mirror.isBlocked(),
                    mirror.getMirrorOf(),
                    mirror.getMirrorOfLayouts());
        }
        StringBuilder blocked = new StringBuilder("external:http:*");
        for (String id : httpAllowed) {
            blocked.append(",!").append(id);
        }
        selector.add(HTTP_BLOCKER, "http://0.0.0.0/", "default", false, true, blocked.toString(), "*");
        return selector;
    }

    /** The settings' active proxies, or those of the environment variables if the settings have none. */
    ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        boolean any = false;
        for (Proxy proxy : settings.getProxies()) {
            if (proxy.isActive()) {
                var auth = proxy.getUsername() == null
                        ? null
                        : new AuthenticationBuilder()
                                .addUsername(proxy.getUsername())
                                .addPassword(proxy.getPassword())
                                .build();
                selector.add(
                        new org.eclipse.aether.repository.Proxy(
                                proxy.getProtocol(), proxy.getHost(), proxy.getPort(), auth),
                        proxy.getNonProxyHosts());
                any = true;
            }
        }
        if (!any) {
            EnvironmentProxies.addTo(selector, environment);
        }
        return selector;
    }

    /** Credentials of the settings' servers, by repository (or mirror) id. */
    AuthenticationSelector authentication() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server server : settings.getServers()) {
            AuthenticationBuilder auth = new AuthenticationBuilder()
                    .addUsername(server.getUsername())
                    .addPassword(server.getPassword())
                    .addPrivateKey(server.getPrivateKey(), server.getPassphrase());
            selector.add(server.getId(), auth.build());
        }
        return new ConservativeAuthenticationSelector(selector);
    }

    /**
     * The repositories of the active profiles: those listed in {@code <activeProfiles>}, and those active by
     * default when none is listed.
     */
    List<RemoteRepository> profileRepositories() {
        Set<String> active = new HashSet<>(settings.getActiveProfiles());
        List<RemoteRepository> repositories = new ArrayList<>();
        for (Profile profile : settings.getProfiles()) {
            boolean byDefault = active.isEmpty()
                    && profile.getActivation() != null
                    && profile.getActivation().isActiveByDefault();
            if (!active.contains(profile.getId()) && !byDefault) {
                continue;
            }
            for (org.apache.maven.settings.Repository r : profile.getRepositories()) {
                repositories.add(new RemoteRepository.Builder(r.getId(), "default", r.getUrl())
                        .setReleasePolicy(policy(r.getReleases()))
                        .setSnapshotPolicy(policy(r.getSnapshots()))
                        .build());
            }
        }
        return repositories;
    }

    private static RepositoryPolicy policy(org.apache.maven.settings.RepositoryPolicy p) {
        if (p == null) {
            return new RepositoryPolicy(
                    true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        }
        return new RepositoryPolicy(
                p.isEnabled(),
                p.getUpdatePolicy() == null ? RepositoryPolicy.UPDATE_POLICY_DAILY : p.getUpdatePolicy(),
                RepositoryPolicy.CHECKSUM_POLICY_FAIL);
    }
}
