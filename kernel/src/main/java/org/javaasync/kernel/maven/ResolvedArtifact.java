package org.javaasync.kernel.maven;

import java.nio.file.Path;

/**
 * One artifact of a resolution: its coordinates (the version chosen) and its file in the local repository.
 *
 * @param coordinates the artifact, with the version resolution chose
 * @param file        its file in the local repository
 */
public record ResolvedArtifact(Coordinates coordinates, Path file) {

    /** The artifact without its version: one jar per key can be on the class path. */
    public String key() {
        return coordinates.key();
    }

    /** {@code g:a:version}. */
    @Override
    public String toString() {
        return coordinates.toString();
    }
}
