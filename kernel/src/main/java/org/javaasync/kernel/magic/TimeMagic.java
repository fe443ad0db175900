package org.javaasync.kernel.magic;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.javaasync.kernel.evaluator.EvalOutcome;

/**
 * {@code %time <java>} and {@code %%time}: how long the Java took, printed as IPython prints it —
 * {@code CPU times: total: 12.3 ms} then {@code Wall time: 2.01 s}. Wall time is what the user waited; CPU time is
 * the kernel process's (all its threads: the loop, the tasks, the compiler), which is what tells "waiting" from
 * "computing": three concurrent 2 s sleeps take 2 s of wall time and almost no CPU.
 *
 * <p>The times are printed also when the Java fails, before its error.
 */
public final class TimeMagic {

    private TimeMagic() {}

    /** {@code %time <java statement or expression>}: evaluates the rest of the line and times it. */
    public static EvalOutcome line(MagicCall call, MagicSession session) throws MagicException {
        if (call.args().isBlank()) {
            throw new MagicException("%time needs Java to time on the same line, e.g. %time fetchAll();"
                    + " use %%time on the first line to time the whole cell");
        }
        // Padded with the lines above, so that errors point at the line the user wrote.
        String java = "\n".repeat(call.line()) + call.args();
        return timed(session, () -> session.eval(java));
    }

    /** {@code %%time}: times the cell's Java part. */
    public static EvalOutcome cell(MagicCall call, MagicSession session, Supplier<EvalOutcome> javaPart) {
        return timed(session, javaPart);
    }

    private static EvalOutcome timed(MagicSession session, Supplier<EvalOutcome> body) {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        EvalOutcome outcome = body.get();
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        session.print(report(cpu0 < 0 ? -1 : cpu, wall));
        return outcome;
    }

    /** The two lines printed, e.g. {@code "CPU times: total: 3.1 ms\nWall time: 2.01 s"}; cpu &lt; 0 if unknown. */
    static String report(long cpuNanos, long wallNanos) {
        String cpu = cpuNanos < 0 ? "not measurable on this JVM" : format(cpuNanos / 1e9);
        return "CPU times: total: " + cpu + "\nWall time: " + format(wallNanos / 1e9);
    }

    /** IPython's {@code _format_time}: three significant digits in s, ms, µs or ns; {@code 1min 5s} past a minute. */
    static String format(double seconds) {
        if (seconds >= 60.0) {
            List<String> parts = new ArrayList<>();
            double left = seconds;
            String[] suffixes = {"d", "h", "min", "s"};
            double[] lengths = {86400, 3600, 60, 1};
            for (int i = 0; i < suffixes.length; i++) {
                long value = (long) (left / lengths[i]);
                if (value > 0) {
                    left = left % lengths[i];
                    parts.add(value + suffixes[i]);
                }
                if (left < 1) {
                    break;
                }
            }
            return String.join(" ", parts);
        }
        String[] units = {"s", "ms", "µs", "ns"};
        double[] scaling = {1, 1e3, 1e6, 1e9};
        int order = seconds > 0 ? Math.min(-(int) Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
        order = Math.max(order, 0);
        BigDecimal value = new BigDecimal(seconds * scaling[order])
                .round(new MathContext(3))
                .stripTrailingZeros();
        return value.toPlainString() + " " + units[order];
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
