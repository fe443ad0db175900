package org.javaasync.kernel.maven;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * Turns the resolver's transfer events into one progress line for a {@link DownloadListener}: the file being
 * downloaded with its bytes so far, and the files done. Lines are sent at most every {@value #INTERVAL_NANOS} ns;
 * {@link #finish()} sends the summary. Checksum files count, but are not named: the jar is what the user waits for.
 */
final class DownloadProgress extends AbstractTransferListener {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final DownloadListener listener;
    private final long started = System.nanoTime();
    private final Map<TransferResource, Long> active = new ConcurrentHashMap<>();
    private final Set<String> repositories = new LinkedHashSet<>();
    private long lastShown;
    private int files;
    private long bytes;

    DownloadProgress(DownloadListener listener) {
        this.listener = listener;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            active.put(event.getResource(), 0L);
            show(event.getResource());
        }
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            active.put(event.getResource(), event.getTransferredBytes());
            show(event.getResource());
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            active.remove(event.getResource());
            synchronized (this) {
                files++;
                bytes += event.getTransferredBytes();
                repositories.add(event.getResource().getRepositoryId());
            }
            show(event.getResource());
        }
    }

    @Override
    public void transferFailed(TransferEvent event) {
        active.remove(event.getResource());
    }

    /** Sends the summary, if anything was downloaded. */
    void finish() {
        synchronized (this) {
            if (files == 0) {
                return;
            }
            listener.progress(String.format(
                    Locale.ROOT,
                    "Downloaded %d file%s (%s) from %s in %.1f s",
                    files,
                    files == 1 ? "" : "s",
                    size(bytes),
                    String.join(", ", repositories),
                    (System.nanoTime() - started) / 1e9));
        }
    }

    private void show(TransferResource resource) {
        long now = System.nanoTime();
        String line;
        synchronized (this) {
            if (lastShown != 0 && now - lastShown < INTERVAL_NANOS) {
                return;
            }
            lastShown = now;
            TransferResource current = active.keySet().stream()
                    .filter(r -> !isChecksum(r.getResourceName()))
                    .findFirst()
                    .orElse(resource);
            long sofar = active.getOrDefault(current, 0L);
            long length = current.getContentLength();
            String name = current.getResourceName();
            name = name.substring(name.lastIndexOf('/') + 1);
            line = String.format(
                    Locale.ROOT,
                    "Downloading from %s: %s %s%s (%d file%s, %s done)",
                    current.getRepositoryId(),
                    name,
                    size(sofar),
                    length > 0 ? " / " + size(length) : "",
                    files,
                    files == 1 ? "" : "s",
                    size(bytes));
        }
        listener.progress(line);
    }

    private static boolean isChecksum(String name) {
        return name.endsWith(".sha1") || name.endsWith(".md5") || name.endsWith(".sha256") || name.endsWith(".sha512");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
