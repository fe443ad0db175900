package org.javaasync.kernel.display;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.javaasync.runtime.Asyncio;
import org.javaasync.runtime.EventLoop;
import org.javaasync.runtime.TimerHandle;

/**
 * A live progress bar in the cell that created it, updated in place ({@code display_id} and
 * {@code update_display_data}): {@code "downloads ███████░░░ 37/100 done, 1.2 s"}, as HTML with a text fallback.
 * {@link Progress#progressGather} drives one for a {@code gather}; drive one yourself with {@link #advance()} and
 * {@link #finish()}.
 *
 * <p>Updates are throttled to one per {@value #MIN_INTERVAL_SECONDS} s on the loop's clock (at most ten a second,
 * however many tasks finish): an update that comes too soon is shown, with everything after it, when the interval
 * ends. The final state (done, failed, cancelled) is shown at once.
 *
 * <p>Loop-confined: create and use it on the loop's thread (in a task or a future's done-callback). Its output goes
 * to the cell that created it, wherever its later updates come from.
 */
public final class ProgressBar {

    /** The least time between two shown updates, in seconds. */
    public static final double MIN_INTERVAL_SECONDS = 0.1;

    private static final int TEXT_WIDTH = 24;

    private final String label;
    private final int total;
    private final EventLoop loop;
    private final OutputSink sink;
    private final String displayId = UUID.randomUUID().toString();
    private final double started;
    private int done;
    private int failed;
    private double lastShown;
    private TimerHandle deferred;
    private String ending;

    /** A bar for {@code total} steps labelled {@code label}, shown at once in the current cell, on the running loop. */
    public ProgressBar(String label, int total) {
        this(label, total, Asyncio.getRunningLoop(), Output.current());
    }

    ProgressBar(String label, int total, EventLoop loop, OutputSink sink) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be 0 or more, not " + total);
        }
        this.label = label == null ? "" : label;
        this.total = total;
        this.loop = loop;
        this.sink = sink;
        this.started = loop.time();
        this.lastShown = started;
        sink.display(bundle(), displayId, false);
    }

    /** One more step done. */
    public void advance() {
        step(false);
    }

    /** One more step done, and it failed: counted in the bar as failed. */
    public void advanceFailed() {
        step(true);
    }

    private void step(boolean failure) {
        if (ending != null) {
            return; // the final state is shown; late steps (children of a failed gather) do not change it
        }
        done++;
        if (failure) failed++;
        double now = loop.time();
        if (now - lastShown >= MIN_INTERVAL_SECONDS) {
            show(now);
        } else if (deferred == null) {
            deferred = loop.callLater(lastShown + MIN_INTERVAL_SECONDS - now, () -> {
                deferred = null;
                if (ending == null) show(loop.time());
            });
        }
    }

    /** Shows the final state: every step done. */
    public void finish() {
        end("done");
    }

    /** Shows the final state: failed with {@code failure}. */
    public void fail(Throwable failure) {
        end("failed: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    /** Shows the final state: cancelled. */
    public void cancel() {
        end("cancelled");
    }

    /** The display id this bar updates. */
    public String displayId() {
        return displayId;
    }

    private void end(String how) {
        if (ending != null) {
            return;
        }
        ending = how;
        if (deferred != null) {
            deferred.cancel();
            deferred = null;
        }
        show(loop.time());
    }

    private void show(double now) {
        lastShown = now;
        sink.display(bundle(), displayId, true);
    }

    /** What the bar shows now. */
    MimeBundle bundle() {
        double elapsed = (ending == null ? loop.time() : lastShown) - started;
        String counts = done + "/" + total + " done" + (failed > 0 ? ", " + failed + " failed" : "");
        String status = counts + ", " + String.format(Locale.ROOT, "%.1f s", elapsed)
                + (ending == null || ending.equals("done") ? "" : " — " + ending);
        int filled = total == 0 ? TEXT_WIDTH : (int) ((long) TEXT_WIDTH * done / total);
        String prefix = label.isEmpty() ? "" : label + " ";
        String text = prefix + "█".repeat(filled) + "░".repeat(TEXT_WIDTH - filled) + " " + status;
        String color = ending == null || ending.equals("done")
                ? "#2f7ed8"
                : ending.equals("cancelled") ? "#e08a00" : "#d62728";
        String html = "<div style=\"font-family:monospace;display:flex;align-items:center;gap:.6em\">"
                + (label.isEmpty() ? "" : "<span>" + Html.escape(label) + "</span>")
                + "<div style=\"width:16em;height:.9em;background:#e6e6e6;border-radius:3px;overflow:hidden\">"
                + String.format(
                        Locale.ROOT,
                        "<div style=\"width:%.1f%%;height:100%%;background:%s\"></div></div>",
                        total == 0 ? 100.0 : 100.0 * done / total,
                        color)
                + "<span>" + Html.escape(status) + "</span></div>";
        return new MimeBundle(Map.of("text/plain", text, "text/html", html), Map.of());
    }
}
