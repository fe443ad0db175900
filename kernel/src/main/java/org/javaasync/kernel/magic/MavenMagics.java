package org.javaasync.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.maven.DownloadListener;
import org.javaasync.kernel.maven.MavenSession;
import org.javaasync.kernel.maven.Repository;
import org.javaasync.kernel.maven.ResolutionException;
import org.javaasync.kernel.maven.ResolvedArtifact;

/**
 * {@code %maven [--bom G:A:V]... G:A:V ...} adds Maven artifacts and their runtime dependencies to the session, as
 * Maven resolves them ({@link MavenSession}); {@code %mavenRepo [--allow-http] ID URL} adds a repository, and
 * {@code %mavenRepo} alone lists them. A download shows one progress line, updated in place; a failure is a
 * {@code UsageError} naming the coordinate and the repositories tried, and changes nothing.
 */
public final class MavenMagics {

    private static final String MAVEN_USAGE = "%maven needs coordinates: %maven groupId:artifactId:version ..."
            + " (e.g. %maven org.xerial:sqlite-jdbc:3.47.1.0; groupId:artifactId:extension:classifier:version for a"
            + " classifier; --bom groupId:artifactId:version imports a BOM, after which groupId:artifactId is enough)";
    private static final String REPO_USAGE = "usage: %mavenRepo [--allow-http] ID URL (e.g. %mavenRepo google"
            + " https://maven.google.com/), or %mavenRepo alone to list the repositories";

    private final MavenSession maven;
    private final ClasspathMagics classpath;

    /**
     * @param maven     the session's Maven state (repositories, requests, loaded artifacts)
     * @param classpath puts the resolved jars on the session's class path
     */
    public MavenMagics(MavenSession maven, ClasspathMagics classpath) {
        this.maven = maven;
        this.classpath = classpath;
    }

    /** Registers {@code %maven} and {@code %mavenRepo} in {@code magics}. */
    public Magics registerIn(Magics magics) {
        return magics.line(
                        "maven",
                        "adds Maven artifacts and their dependencies: %maven group:artifact:version ...",
                        this::maven)
                .line("mavenRepo", "adds a Maven repository: %mavenRepo ID URL; alone, lists them", this::mavenRepo);
    }

    EvalOutcome maven(MagicCall call, MagicSession session) throws MagicException {
        List<String> words = words(call.args());
        List<String> coordinates = new ArrayList<>();
        List<String> boms = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--bom")) {
                if (i + 1 == words.size()) {
                    throw new MagicException("%maven --bom needs the BOM's groupId:artifactId:version");
                }
                boms.add(words.get(++i));
            } else if (w.startsWith("--bom=")) {
                boms.add(w.substring("--bom=".length()));
            } else if (w.startsWith("-")) {
                throw new MagicException("%maven: unknown option " + w + "; " + MAVEN_USAGE);
            } else {
                coordinates.add(w);
            }
        }
        if (coordinates.isEmpty() && boms.isEmpty()) {
            throw new MagicException(MAVEN_USAGE);
        }
        MavenSession.Resolution resolution;
        // An interrupt of the cell interrupts the download (the resolver's I/O runs on this thread); the session
        // keeps what it had, since it records a resolution only once it succeeded.
        Thread resolving = Thread.currentThread();
        AtomicBoolean downloading = new AtomicBoolean(true);
        session.run().interrupt().onInterrupt(() -> {
            if (downloading.get()) {
                resolving.interrupt();
            }
        });
        try {
            resolution = maven.resolve(coordinates, boms, progressLine(session));
        } catch (ResolutionException e) {
            if (session.run().interrupt().isInterrupted()) {
                throw new MagicException("%maven was interrupted: nothing was added to the class path", e);
            }
            String what = coordinates.isEmpty() ? "the BOM " + String.join(" ", boms) : String.join(" ", coordinates);
            throw new MagicException("%maven could not resolve " + what + ": " + e.getMessage(), e);
        } finally {
            downloading.set(false);
            Thread.interrupted(); // an interrupt that came as the download ended is not for what follows
        }
        classpath.addQuietly(
                resolution.added().stream().map(ResolvedArtifact::file).toList(), session);
        StringBuilder out = new StringBuilder();
        if (!boms.isEmpty()) {
            out.append("Imported the dependency management of ")
                    .append(String.join(", ", boms))
                    .append('\n');
        }
        if (!resolution.added().isEmpty()) {
            out.append("Added to the class path:\n");
            for (ResolvedArtifact a : resolution.added()) {
                out.append("  ").append(a).append("  ").append(a.file()).append('\n');
            }
        } else if (!coordinates.isEmpty()) {
            out.append("Already on the class path: nothing added.\n");
        }
        if (!out.isEmpty()) {
            session.print(out.toString());
        }
        if (!resolution.clashes().isEmpty()) {
            session.output().stream(
                    "stderr",
                    resolution.clashes().stream()
                            .map(c -> "Warning: " + c + "\n")
                            .collect(Collectors.joining()));
        }
        return new EvalOutcome.NoValue();
    }

    EvalOutcome mavenRepo(MagicCall call, MagicSession session) throws MagicException {
        List<String> words = new ArrayList<>(words(call.args()));
        if (words.isEmpty()) {
            session.print("Maven repositories, tried in this order (after the local repository):\n  "
                    + maven.repositories().stream().map(Repository::toString).collect(Collectors.joining("\n  ")));
            return new EvalOutcome.NoValue();
        }
        boolean allowHttp = words.remove("--allow-http");
        if (words.size() != 2 || words.stream().anyMatch(w -> w.startsWith("-"))) {
            throw new MagicException(REPO_USAGE);
        }
        Repository repository;
        try {
            repository = Repository.of(words.get(0), words.get(1), allowHttp);
        } catch (ResolutionException e) {
            throw new MagicException("%mavenRepo: " + e.getMessage());
        }
        boolean replaced = maven.addRepository(repository);
        session.print((replaced ? "Replaced repository " : "Added repository ") + repository
                + (repository.allowHttp() ? " (plain http, as asked: its downloads are not protected in transit)" : "")
                + "\n%maven looks in: "
                + maven.repositories().stream().map(Repository::id).collect(Collectors.joining(", ")));
        return new EvalOutcome.NoValue();
    }

    /** One display in the cell, created at the first download and updated in place after. */
    private static DownloadListener progressLine(MagicSession session) {
        String displayId = "maven-" + UUID.randomUUID();
        boolean[] shown = {false};
        return line -> {
            synchronized (shown) { // the first display must reach the frontend before its updates
                session.output().display(new MimeBundle(Map.of("text/plain", line), Map.of()), displayId, shown[0]);
                shown[0] = true;
            }
        };
    }

    private static List<String> words(String args) {
        return args.isBlank() ? List.of() : List.of(args.strip().split("\\s+"));
    }
}
