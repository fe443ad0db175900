package org.javaasync.kernel.maven;

/**
 * Told about downloads while {@code %maven} resolves, to show a progress line updated in place. Called from the
 * resolver's download threads, possibly several at once; implementations are thread-safe and quick.
 */
public interface DownloadListener {

    /** Nothing is shown. */
    DownloadListener NONE = line -> {};

    /**
     * The current state of the downloads, one line of text ({@code "Downloading from central: guava-33.3.1-jre.jar
     * 1.2/3.0 MB (4 files done)"}); called at most every few hundred milliseconds, and once with the final summary.
     */
    void progress(String line);
}
