package org.javaasync.kernel.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The repositories a kernel starts with: Maven Central, or those listed in {@value #ENVIRONMENT} (entries separated
 * by commas or white space, each {@code URL} or {@code ID=URL}).
 *
 * <p>A configuration error never stops the kernel: an entry that is not an https or file URL is reported through
 * the warning callback (the kernel's log) and left out, and if no entry is left the kernel uses Maven Central. Plain
 * http is refused here as in {@code %mavenRepo}; a cell can accept it with {@code %mavenRepo --allow-http}.
 */
public final class RepositoryConfig {

    /** The environment variable read at start. */
    public static final String ENVIRONMENT = "JAVAASYNC_MAVEN_REPOSITORIES";

    private RepositoryConfig() {}

    /**
     * The repositories {@code value} lists; Maven Central if it is {@code null} or blank, or lists nothing usable.
     *
     * @param warnings receives one message per entry left out, and one if Central is used instead of the list
     */
    public static List<Repository> parse(String value, Consumer<String> warnings) {
        if (value == null || value.isBlank()) {
            return List.of(Repository.CENTRAL);
        }
        Map<String, Repository> byId = new LinkedHashMap<>();
        int index = 0;
        for (String entry : value.strip().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            index++;
            int eq = entry.indexOf('=');
            int scheme = entry.indexOf("://");
            boolean named = eq > 0 && (scheme < 0 || eq < scheme);
            String id = named ? entry.substring(0, eq) : defaultId(entry, index);
            String url = named ? entry.substring(eq + 1) : entry;
            try {
                Repository repository = Repository.of(id, url, false);
                if (byId.putIfAbsent(repository.id(), repository) != null) {
                    warnings.accept(ENVIRONMENT + ": entry '" + entry + "' repeats the id " + id + "; left out");
                }
            } catch (ResolutionException e) {
                warnings.accept(ENVIRONMENT + ": entry '" + entry + "' left out: " + e.getMessage());
            }
        }
        if (byId.isEmpty()) {
            warnings.accept(ENVIRONMENT + " lists no usable repository; %maven uses " + Repository.CENTRAL);
            return List.of(Repository.CENTRAL);
        }
        return List.copyOf(new ArrayList<>(byId.values()));
    }

    /** Central keeps its id, so that Maven's downloads and {@code mirrorOf central} still apply to it. */
    private static String defaultId(String url, int index) {
        String normalized = url.endsWith("/") ? url : url + "/";
        return normalized.equals(Repository.CENTRAL.url().toString()) ? "central" : "repository-" + index;
    }
}
