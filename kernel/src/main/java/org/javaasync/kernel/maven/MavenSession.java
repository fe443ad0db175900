package org.javaasync.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Maven side of a kernel session: the repositories, every coordinate {@code %maven} was asked for, the BOMs
 * imported, and the artifacts loaded so far.
 *
 * <p>Each {@link #resolve} resolves the session's requests <em>together</em> with the new ones, as one Maven
 * project with all of them as dependencies would be: a version conflict is settled by Maven's rules (nearest wins),
 * not by the order of cells. Classes cannot be unloaded, so an artifact already loaded stays in the version loaded;
 * when the new resolution picks another version of it, the result says so ({@link Resolution#clashes()}) instead of
 * putting two versions on the class path.
 *
 * <p>The resolver itself ({@link ResolverEngine}) is created at the first resolution: its classes never load in a
 * kernel that does not use {@code %maven}. Thread-safe: one resolution at a time.
 */
public final class MavenSession {

    private final Path defaultLocalRepository;
    private final Path userSettings;
    private final Map<String, String> environment;
    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private final Map<String, Coordinates> requests = new LinkedHashMap<>();
    private final Map<String, Coordinates> boms = new LinkedHashMap<>();
    private final Map<String, ResolvedArtifact> loaded = new LinkedHashMap<>();
    private ResolverEngine engine;

    /**
     * @param repositories           the remote repositories, in the order they are tried
     * @param defaultLocalRepository the local repository unless {@code settings.xml} names another
     * @param userSettings           the user's {@code settings.xml} (need not exist)
     * @param environment            the environment (proxies, {@code MAVEN_HOME}, {@code ${env.X}} in settings)
     */
    public MavenSession(
            List<Repository> repositories,
            Path defaultLocalRepository,
            Path userSettings,
            Map<String, String> environment) {
        repositories.forEach(r -> this.repositories.put(r.id(), r));
        this.defaultLocalRepository = defaultLocalRepository;
        this.userSettings = userSettings;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The session of a kernel: {@code ~/.m2/repository} and {@code ~/.m2/settings.xml}, and the repositories of
     * {@value RepositoryConfig#ENVIRONMENT} (else Maven Central). A bad entry there is reported to {@code warnings}
     * and left out; this never fails.
     */
    public static MavenSession fromEnvironment(Map<String, String> environment, Consumer<String> warnings) {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        return new MavenSession(
                RepositoryConfig.parse(environment.get(RepositoryConfig.ENVIRONMENT), warnings),
                m2.resolve("repository"),
                m2.resolve("settings.xml"),
                environment);
    }

    /** The repositories, in the order they are tried. */
    public synchronized List<Repository> repositories() {
        return List.copyOf(repositories.values());
    }

    /** Adds {@code repository} after the others, or replaces the one with its id; returns whether it replaced one. */
    public synchronized boolean addRepository(Repository repository) {
        return repositories.put(repository.id(), repository) != null;
    }

    /** What a resolution did. */
    public record Resolution(
            List<ResolvedArtifact> added, List<ResolvedArtifact> alreadyLoaded, List<String> clashes) {}

    /**
     * Resolves {@code coordinates} with everything asked before, and imports {@code newBoms} first.
     *
     * <p>On failure nothing changes: the requests, BOMs and loaded artifacts are those of before the call.
     *
     * @param coordinates what to add, as the user wrote it ({@link Coordinates#parse})
     * @param newBoms     BOMs whose {@code dependencyManagement} applies from now on (Maven's {@code import} scope)
     * @param listener    told about downloads
     * @return the artifacts to put on the class path (in class path order), those already there, and the clashes
     * @throws ResolutionException naming the coordinate that failed and the repositories tried
     */
    public synchronized Resolution resolve(List<String> coordinates, List<String> newBoms, DownloadListener listener)
            throws ResolutionException {
        Map<String, Coordinates> nextRequests = new LinkedHashMap<>(requests);
        for (String text : coordinates) {
            Coordinates c = Coordinates.parse(text);
            nextRequests.remove(c.key()); // the latest request for an artifact is the user's intent
            nextRequests.put(c.key(), c);
        }
        Map<String, Coordinates> nextBoms = new LinkedHashMap<>(boms);
        for (String text : newBoms) {
            Coordinates bom = Coordinates.parse(text);
            nextBoms.put(bom.key(), bom);
        }
        if (engine == null) {
            engine = new ResolverEngine();
        }
        List<ResolvedArtifact> classPath = engine.resolve(
                new ResolverEngine.Request(
                        List.copyOf(nextRequests.values()),
                        List.copyOf(nextBoms.values()),
                        List.copyOf(repositories.values()),
                        defaultLocalRepository,
                        userSettings,
                        environment),
                listener);
        List<ResolvedArtifact> added = new ArrayList<>();
        List<ResolvedArtifact> already = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        for (ResolvedArtifact artifact : classPath) {
            ResolvedArtifact previous = loaded.get(artifact.key());
            if (previous == null) {
                added.add(artifact);
            } else if (previous.coordinates()
                    .version()
                    .equals(artifact.coordinates().version())) {
                already.add(artifact);
            } else {
                clashes.add(artifact.key() + ": " + previous.coordinates().version()
                        + " is loaded; resolved with the session's other requests it is now "
                        + artifact.coordinates().version() + ". The loaded "
                        + previous.coordinates().version()
                        + " stays (classes cannot be unloaded): restart the kernel and run %maven again to use "
                        + artifact.coordinates().version() + ".");
            }
        }
        requests.clear();
        requests.putAll(nextRequests);
        boms.clear();
        boms.putAll(nextBoms);
        added.forEach(a -> loaded.put(a.key(), a));
        return new Resolution(List.copyOf(added), List.copyOf(already), List.copyOf(clashes));
    }

    /** The artifacts loaded so far, in the order they were added. */
    public synchronized List<ResolvedArtifact> loaded() {
        return List.copyOf(loaded.values());
    }
}
