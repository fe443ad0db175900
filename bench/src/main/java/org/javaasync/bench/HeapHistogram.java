package org.javaasync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints this JVM's class histogram of live objects ({@code jcmd <pid> GC.class_histogram}, which collects garbage
 * first), so that a W7 result comes with what each suspended task is made of. The rows with about one instance per
 * task get a bytes-per-task column; their sum is what the tasks hold beyond shared structures.
 */
final class HeapHistogram {
    private HeapHistogram() {}

    static void print(PrintStream out, int tasks, int rows) {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        List<String> lines;
        try {
            Process p = new ProcessBuilder(
                            jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .start();
            lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor();
        } catch (IOException e) {
            out.println("# heap histogram unavailable: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        out.println("# heap histogram with " + tasks + " suspended tasks (jcmd GC.class_histogram)");
        out.println("# bytes/task  #instances  #bytes  class");
        double perTask = 0;
        int shown = 0;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            long count = Long.parseLong(f[1]);
            long bytes = Long.parseLong(f[2]);
            boolean oneEach = count >= tasks && count <= tasks + tasks / 50;
            if (oneEach) {
                perTask += bytes / (double) tasks;
            }
            if (shown++ < rows) {
                String each = oneEach ? String.format("%6.1f", bytes / (double) tasks) : "     -";
                out.printf("# %s  %10d  %11d  %s%n", each, count, bytes, f[3]);
            }
        }
        out.printf("# sum of the one-per-task rows: %.1f bytes per task%n", perTask);
    }
}
