package org.javaasync.kernel;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Ends the kernel when the process that launched it is gone, as ipykernel does: a kernel whose Jupyter server or
 * console was killed would otherwise run on forever, holding its ports and memory. The launcher is the process
 * {@code JPY_PARENT_PID} names (jupyter_client sets it), else the kernel's parent process.
 */
final class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class.getName());

    /** The variable jupyter_client sets to the launcher's pid. */
    static final String VARIABLE = "JPY_PARENT_PID";

    private ParentWatch() {}

    /** Runs {@code exit} once the launcher has exited (at once if it already has). */
    static void start(Runnable exit) {
        Optional<ProcessHandle> launcher = launcher(System.getenv(VARIABLE));
        if (launcher.isEmpty()) {
            LOG.warning("the process that launched the kernel is gone; shutting down");
            exit.run();
            return;
        }
        ProcessHandle watched = launcher.get();
        watched.onExit().thenRun(() -> {
            LOG.warning("the process that launched the kernel (pid " + watched.pid() + ") exited; shutting down");
            exit.run();
        });
    }

    /** The launcher named by {@code variable}, else the parent process; empty if it no longer runs. */
    static Optional<ProcessHandle> launcher(String variable) {
        if (variable != null && !variable.isBlank()) {
            try {
                long pid = Long.parseLong(variable.strip());
                if (pid > 1) {
                    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
                }
            } catch (NumberFormatException e) {
                LOG.warning(VARIABLE + "='" + variable + "' is not a process id; watching the parent process instead");
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() > 1 && p.isAlive());
    }
}
