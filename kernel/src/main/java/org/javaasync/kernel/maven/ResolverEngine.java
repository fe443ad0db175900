package org.javaasync.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Apache Maven Resolver, set up as Maven 3 resolves a project's runtime class path: one request holds every
 * coordinate of the session as a direct dependency, with the imported BOMs' {@code dependencyManagement}, so that
 * version conflicts are settled by Maven's own rules (nearest wins, then first declared).
 *
 * <p>Checksums are strict (a bad or missing checksum fails the download, Maven's {@code -C}), plain http is blocked
 * unless accepted, and coordinates that would name a path outside the local repository ({@code ../} in a version
 * declared by a POM, a group id starting with a dot) are refused by the resolver before any look-up.
 * The settings are read again at each resolution, so an edited {@code settings.xml} applies without a restart.
 *
 * <p>This class is the only one that makes the resolver's classes load; the kernel creates it at the first
 * {@code %maven}, so a kernel start pays nothing for it.
 */
final class ResolverEngine {

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final SessionBuilderSupplier sessions = new SessionBuilderSupplier(system);

    /** What to resolve, and where. */
    record Request(
            List<Coordinates> roots,
            List<Coordinates> boms,
            List<Repository> repositories,
            Path defaultLocalRepository,
            Path userSettings,
            Map<String, String> environment) {}

    /**
     * The runtime class path of {@code request}'s roots, in Maven's class path order.
     *
     * @throws ResolutionException naming the coordinate that failed and the repositories tried
     */
    List<ResolvedArtifact> resolve(Request request, DownloadListener listener) throws ResolutionException {
        MavenSettings settings = MavenSettings.load(request.userSettings(), request.environment());
        Path local = settings.localRepository(request.defaultLocalRepository());
        DownloadProgress progress = new DownloadProgress(listener);
        try (CloseableSession session = session(settings, local, request.repositories(), progress)) {
            List<RemoteRepository> remotes =
                    system.newResolutionRepositories(session, remoteRepositories(request.repositories(), settings));
            Map<String, Dependency> managed = new LinkedHashMap<>();
            for (Coordinates bom : request.boms()) {
                for (Dependency d : bomManagement(session, bom, remotes, local)) {
                    managed.putIfAbsent(managementKey(d.getArtifact()), d);
                }
            }
            CollectRequest collect = new CollectRequest();
            for (Coordinates root : request.roots()) {
                collect.addDependency(new Dependency(artifact(root, managed), JavaScopes.COMPILE));
            }
            collect.setManagedDependencies(new ArrayList<>(managed.values()));
            collect.setRepositories(remotes);
            collect.setRequestContext("java-async");
            DependencyRequest dependencies =
                    new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<ArtifactResult> results;
            try {
                results = system.resolveDependencies(session, dependencies).getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw new ResolutionException(
                        ResolutionMessages.describe(e) + ResolutionMessages.lookedIn(local, remotes), e);
            } catch (RuntimeException e) {
                // The resolver refuses coordinates that name a path (IllegalArgumentException) this way.
                throw new ResolutionException(
                        ResolutionMessages.describe(e) + ResolutionMessages.lookedIn(local, remotes), e);
            }
            List<ResolvedArtifact> jars = new ArrayList<>();
            for (ArtifactResult result : results) {
                Artifact a = result.getArtifact();
                if (a != null && a.getPath() != null && "jar".equals(a.getExtension())) {
                    jars.add(new ResolvedArtifact(
                            new Coordinates(
                                    a.getGroupId(),
                                    a.getArtifactId(),
                                    a.getExtension(),
                                    a.getClassifier(),
                                    a.getVersion()),
                            a.getPath()));
                }
            }
            return jars;
        } finally {
            progress.finish();
        }
    }

    private CloseableSession session(
            MavenSettings settings, Path local, List<Repository> repositories, DownloadProgress progress) {
        Set<String> httpAllowed = new LinkedHashSet<>();
        for (Repository r : repositories) {
            if (r.allowHttp()) {
                httpAllowed.add(r.id());
            }
        }
        Map<String, String> system = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> system.put(String.valueOf(k), String.valueOf(v)));
        settings.environment().forEach((k, v) -> system.put("env." + k, v));
        return sessions.get()
                .withLocalRepositoryBaseDirectories(local)
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setOffline(settings.offline())
                .setMirrorSelector(settings.mirrors(httpAllowed))
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.authentication())
                .setTransferListener(progress)
                .setSystemProperties(system)
                .setConfigProperty("aether.connector.userAgent", "java-async-kernel (Apache Maven Resolver)")
                // Maven 3's class path order (pre-order over the resolved tree); resolver 2.0 defaults to level
                // order. Which jar comes first matters when two of them hold the same class.
                .setConfigProperty("aether.system.dependencyVisitor", "preOrder")
                .build();
    }

    private static List<RemoteRepository> remoteRepositories(List<Repository> repositories, MavenSettings settings) {
        List<RemoteRepository> remotes = new ArrayList<>();
        for (Repository r : repositories) {
            boolean central = r.id().equals(Repository.CENTRAL.id());
            remotes.add(new RemoteRepository.Builder(r.id(), "default", r.url().toString())
                    .setReleasePolicy(new RepositoryPolicy(
                            true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                    // Central publishes no snapshots, as Maven's super POM says; other repositories may.
                    .setSnapshotPolicy(new RepositoryPolicy(
                            !central, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                    .build());
        }
        remotes.addAll(settings.profileRepositories());
        return remotes;
    }

    private List<Dependency> bomManagement(
            CloseableSession session, Coordinates bom, List<RemoteRepository> remotes, Path local)
            throws ResolutionException {
        if (bom.versionless()) {
            throw new ResolutionException("the BOM " + bom + " needs a version (--bom groupId:artifactId:version)");
        }
        var pom = new DefaultArtifact(bom.groupId(), bom.artifactId(), "", "pom", bom.version());
        try {
            // Maven's descriptor policy lets a dependency's missing POM pass (with a warning); a BOM that cannot be
            // fetched is an error in Maven ("Non-resolvable import POM") and here, so fetch it first.
            system.resolveArtifact(session, new ArtifactRequest(pom, remotes, "java-async"));
            return system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(pom, remotes, "java-async"))
                    .getManagedDependencies();
        } catch (ArtifactResolutionException | ArtifactDescriptorException | RuntimeException e) {
            throw new ResolutionException(
                    "cannot read the BOM " + bom + ": " + ResolutionMessages.describe(e)
                            + ResolutionMessages.lookedIn(local, remotes),
                    e);
        }
    }

    private static Artifact artifact(Coordinates c, Map<String, Dependency> managed) throws ResolutionException {
        String version = c.version();
        if (c.versionless()) {
            Dependency d = managed.get(Coordinates.key(c.groupId(), c.artifactId(), c.extension(), c.classifier()));
            if (d == null) {
                throw new ResolutionException(c + " has no version, and no BOM imported with %maven --bom manages it"
                        + " (write " + c + ":VERSION)");
            }
            version = d.getArtifact().getVersion();
        }
        return new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), version);
    }

    private static String managementKey(Artifact a) {
        return Coordinates.key(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier());
    }
}
