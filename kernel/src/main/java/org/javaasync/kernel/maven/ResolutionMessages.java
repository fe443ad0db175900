package org.javaasync.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * A resolver failure as one message: the distinct messages of the exception, its causes and the failed artifact
 * results (the resolver's own name the coordinate and the repository, e.g. "Could not find artifact g:a:jar:1 in
 * central (https://...)"), then where the resolver looked.
 */
final class ResolutionMessages {

    private ResolutionMessages() {}

    static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        collect(failure, messages, new IdentityHashMap<>());
        List<String> kept = new ArrayList<>();
        for (String m : messages) {
            // A wrapper's message often repeats its cause's whole; keep the most specific text once.
            if (kept.stream().noneMatch(k -> k.contains(m))) {
                kept.removeIf(m::contains);
                kept.add(m);
            }
        }
        return kept.isEmpty() ? failure.toString() : String.join("; ", kept);
    }

    private static void collect(Throwable t, Set<String> messages, IdentityHashMap<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return;
        }
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
            messages.add(t.getMessage().strip());
        }
        if (t instanceof DependencyResolutionException d && d.getResult() != null) {
            d.getResult().getCollectExceptions().forEach(e -> collect(e, messages, seen));
            for (ArtifactResult r : d.getResult().getArtifactResults()) {
                r.getExceptions().forEach(e -> collect(e, messages, seen));
            }
        }
        if (t instanceof ArtifactResolutionException a && a.getResults() != null) {
            for (ArtifactResult r : a.getResults()) {
                r.getExceptions().forEach(e -> collect(e, messages, seen));
            }
        }
        collect(t.getCause(), messages, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, messages, seen);
        }
    }

    /** " (looked in the local repository PATH and id (url), ...)". */
    static String lookedIn(Path local, List<RemoteRepository> remotes) {
        String remote = remotes.stream()
                .map(r -> r.getId() + " (" + r.getUrl() + ")"
                        + (r.getMirroredRepositories().isEmpty()
                                ? ""
                                : " mirroring "
                                        + r.getMirroredRepositories().stream()
                                                .map(RemoteRepository::getId)
                                                .collect(Collectors.joining(", "))))
                .collect(Collectors.joining(", "));
        return " (looked in the local repository " + local + (remote.isEmpty() ? "" : " and " + remote) + ")";
    }
}
