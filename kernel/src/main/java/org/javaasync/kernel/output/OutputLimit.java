package org.javaasync.kernel.output;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The per-cell cap on stdout/stderr text. Read when a cell starts, from the system property
 * {@value #PROPERTY} (settable from a cell with {@code System.setProperty}), else the environment variable
 * {@value #ENVIRONMENT}, else {@value #DEFAULT} characters. Zero or less means no limit. A value that is not a
 * number is logged once (the kernel's log) and the default applies: a typo never stops the kernel.
 */
public final class OutputLimit {

    private static final Logger LOG = Logger.getLogger(OutputLimit.class.getName());
    /** The last bad value reported, so that a bad setting is logged once, not at every cell. */
    private static final AtomicReference<String> REPORTED = new AtomicReference<>();

    public static final String PROPERTY = "javaasync.output.limit";
    public static final String ENVIRONMENT = "JAVA_ASYNC_OUTPUT_LIMIT";
    /** One mebibyte of text: far more than anyone reads in a cell, small enough for every frontend to render. */
    public static final long DEFAULT = 1L << 20;

    private OutputLimit() {}

    /** The limit in characters now in force; {@link Long#MAX_VALUE} for none. */
    public static long current() {
        String value = System.getProperty(PROPERTY);
        String source = PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            long limit = Long.parseLong(value.trim().replace("_", ""));
            return limit <= 0 ? Long.MAX_VALUE : limit;
        } catch (NumberFormatException e) {
            String setting = source + "='" + value + "'";
            if (!setting.equals(REPORTED.getAndSet(setting))) {
                LOG.warning(() -> setting + " is not a number of characters; the output limit stays " + DEFAULT);
            }
            return DEFAULT;
        }
    }

    /** The notice shown once in a cell whose output was cut. */
    static String notice(long limit) {
        return "\n[output truncated: this cell wrote more than " + limit + " characters; the rest was discarded."
                + " To raise the limit run System.setProperty(\"" + PROPERTY + "\", \"" + (limit * 10)
                + "\") in a cell (0 = no limit), or set " + ENVIRONMENT + " before starting Jupyter.]\n";
    }
}
