package org.javaasync.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prints results as the JSON lines of {@code shared/bench/asyncio_ref.py}, so one script can compare all peers. */
final class Report {
    private final String peer;
    private final String workloadSuffix;
    private boolean muted;

    /** Reports as {@code peer}; {@code workloadSuffix} is appended to workload names (e.g. "-cold"). */
    Report(String peer, String workloadSuffix) {
        this.peer = peer;
        this.workloadSuffix = workloadSuffix;
    }

    /** Mutes or unmutes output: the warm-up round runs the same code but reports nothing. */
    void mute(boolean muted) {
        this.muted = muted;
    }

    boolean isMuted() {
        return muted;
    }

    /** Prints one result line; the value is rounded to 6 decimals as the Python reference does. */
    void emit(String workload, String metric, double value, String unit) {
        if (muted) {
            return;
        }
        String v = Double.isFinite(value)
                ? new BigDecimal(value)
                        .setScale(6, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros()
                        .toPlainString()
                : "null";
        System.out.println("{\"peer\": \"" + peer + "\", \"workload\": \"" + workload + workloadSuffix
                + "\", \"metric\": \"" + metric + "\", \"value\": " + v + ", \"unit\": \"" + unit + "\"}");
        System.out.flush();
    }
}
