package org.javaasync.kernel.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.OutputSink;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.protocol.WireMessage;

/**
 * The output of one cell: everything written here is published with that cell's request as parent header, for
 * as long as the kernel lives, also after the cell has finished (the await work turns such late output into
 * display updates of the cell).
 *
 * <p>Stream text is coalesced: the first write after a flush schedules a flush {@value #FLUSH_MILLIS} ms later,
 * a buffer past {@value #MAX_CHUNK} characters is flushed at once, and a change between stdout and stderr flushes
 * the other stream first so that the frontend sees them in the order written. Past the {@link OutputLimit} the text
 * is dropped and one notice is shown.
 *
 * <p>When the cell ends while tasks it started still run, {@link #toBackground} hands all later output to a
 * {@link BackgroundDisplay} in the cell: frontends drop or misplace {@code stream}s that arrive after a cell's
 * {@code idle}, but apply updates of a display they know. Thread-safe.
 */
public final class CellOutput implements OutputSink {

    static final long FLUSH_MILLIS = 20;
    static final int MAX_CHUNK = 64 * 1024;

    private final WireMessage request;
    private final int executionCount;
    private final boolean allowStdin;
    private final Frontend frontend;
    private final ObjectMapper json;
    private final ScheduledExecutorService flusher;
    private final long limit;

    private final StringBuilder pending = new StringBuilder();
    private String pendingName;
    private boolean flushScheduled;
    private long written;
    private boolean truncated;
    // Volatile, read without the lock: task bookkeeping asks for it while holding its own lock.
    private volatile BackgroundDisplay background;
    private volatile boolean ended;

    public CellOutput(
            WireMessage request,
            int executionCount,
            boolean allowStdin,
            Frontend frontend,
            ObjectMapper json,
            ScheduledExecutorService flusher,
            long limit) {
        this.request = request;
        this.executionCount = executionCount;
        this.allowStdin = allowStdin;
        this.frontend = frontend;
        this.json = json;
        this.flusher = flusher;
        this.limit = limit;
    }

    /** The {@code execute_request} this output belongs to. */
    public WireMessage request() {
        return request;
    }

    /** The execution count of the cell, as its {@code In [n]} shows it. */
    public int executionCount() {
        return executionCount;
    }

    /** Whether the frontend said it can answer {@code input_request}s for this cell. */
    public boolean allowStdin() {
        return allowStdin;
    }

    /** True once the cell's text passed the limit: writers may skip the work of producing more. */
    public synchronized boolean isTruncated() {
        return truncated && background == null;
    }

    /**
     * Ends the cell's ordinary output: buffered text is published, the background display is opened (a
     * {@code display_data} with its display id) and every later write goes to it. Call before the cell's
     * {@code idle}.
     */
    synchronized BackgroundDisplay toBackground(
            String footer, Supplier<WireMessage> updateParent, Consumer<BackgroundDisplay> beforeRender) {
        publishPending();
        BackgroundDisplay display = new BackgroundDisplay(
                request, updateParent, "bg-" + request.msgId(), footer, frontend, json, flusher, beforeRender);
        display.open();
        background = display;
        return display;
    }

    /** The background display of the cell, or {@code null} while the cell runs or when no task outlived it. */
    BackgroundDisplay background() {
        return background;
    }

    /** Records that the cell's code has finished (its tasks may still run). */
    void markEnded() {
        ended = true;
    }

    /** Whether the cell's code has finished. */
    boolean ended() {
        return ended;
    }

    @Override
    public void stream(String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        String flushNow = null;
        synchronized (this) {
            if (background != null) {
                background.append(name, text);
                return;
            }
            if (truncated) {
                return;
            }
            if (pendingName != null && !pendingName.equals(name) && !pending.isEmpty()) {
                publishPending();
            }
            pendingName = name;
            long room = limit - written;
            if (text.length() > room) {
                pending.append(text, 0, (int) Math.max(0, room));
                written = limit;
                truncated = true;
                publishPending();
                pendingName = "stderr";
                pending.append(OutputLimit.notice(limit));
                flushNow = "limit";
            } else {
                pending.append(text);
                written += text.length();
                if (pending.length() >= MAX_CHUNK) {
                    flushNow = "size";
                } else if (!flushScheduled) {
                    flushScheduled = true;
                    flusher.schedule(this::flush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
            if (flushNow != null) {
                publishPending();
            }
        }
    }

    /** Publishes buffered text now. */
    public synchronized void flush() {
        flushScheduled = false;
        publishPending();
    }

    private void publishPending() {
        if (pending.isEmpty()) {
            return;
        }
        ObjectNode content = frontend.object();
        content.put("name", pendingName);
        content.put("text", pending.toString());
        pending.setLength(0);
        frontend.publish(request, "stream", content);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        synchronized (this) {
            if (background != null) {
                background.display(bundle, displayId, update);
                return;
            }
        }
        ObjectNode content = bundleContent(bundle);
        ObjectNode transients = content.putObject("transient");
        if (displayId != null) {
            transients.put("display_id", displayId);
        }
        synchronized (this) {
            publishPending();
            frontend.publish(request, update ? "update_display_data" : "display_data", content);
        }
    }

    /** {@code data} and {@code metadata} of a MIME bundle as message content. */
    public ObjectNode bundleContent(MimeBundle bundle) {
        ObjectNode content = frontend.object();
        content.set("data", json.valueToTree(bundle.data()));
        content.set("metadata", json.valueToTree(bundle.metadata() == null ? java.util.Map.of() : bundle.metadata()));
        return content;
    }

    @Override
    public void clearOutput(boolean wait) {
        ObjectNode content = frontend.object();
        content.put("wait", wait);
        synchronized (this) {
            if (background != null) {
                background.clear();
                return;
            }
            publishPending();
            frontend.publish(request, "clear_output", content);
            // What was shown is gone, so a progress loop that clears and reprints never hits the limit.
            written = 0;
            truncated = false;
        }
    }

    /** Publishes a message of the cell (result, error) after any buffered text, so that order is kept. */
    public synchronized void publishInOrder(String msgType, ObjectNode content) {
        publishPending();
        frontend.publish(request, msgType, content);
    }
}
