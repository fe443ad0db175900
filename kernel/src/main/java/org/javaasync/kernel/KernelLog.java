package org.javaasync.kernel;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the kernel's own log to the process's original stderr (which Jupyter shows in its server log), never
 * into a cell. Level from {@code JAVA_ASYNC_LOG_LEVEL} (a {@link Level} name), default {@code WARNING}:
 * {@code jupyter console} shares its terminal with the kernel's stderr, and ipykernel prints nothing there either.
 */
final class KernelLog {

    private KernelLog() {}

    static void install(PrintStream originalErr) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Level level = Level.WARNING;
        String configured = System.getenv("JAVA_ASYNC_LOG_LEVEL");
        if (configured != null && !configured.isBlank()) {
            try {
                level = Level.parse(configured.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                originalErr.println("[java-async] unknown JAVA_ASYNC_LOG_LEVEL '" + configured + "', using WARNING");
            }
        }
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    originalErr.print(getFormatter().format(record));
                    originalErr.flush();
                }
            }

            @Override
            public void flush() {
                originalErr.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String source = record.getLoggerName();
                source = source == null ? "" : source.substring(source.lastIndexOf('.') + 1);
                StringBuilder line = new StringBuilder()
                        .append('[')
                        .append(LocalTime.now().truncatedTo(ChronoUnit.MILLIS))
                        .append(" java-async ")
                        .append(record.getLevel().getName())
                        .append(' ')
                        .append(source)
                        .append("] ")
                        .append(formatMessage(record))
                        .append('\n');
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                return line.toString();
            }
        });
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }
}
