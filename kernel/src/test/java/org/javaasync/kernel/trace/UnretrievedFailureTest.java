package org.javaasync.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnretrievedFailureTest {

    @Test
    void theReportNamesTheTaskAndItsCellPlacesCellFramesAndCutsTheStackBelowThem() {
        IllegalStateException boom = new IllegalStateException("boom", new RuntimeException("root"));
        boom.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.lib.Client", "send", "Client.java", 10),
            new StackTraceElement("REPL.$JShell$12", "fetch$async", "$JShell$12.java", 7),
            new StackTraceElement("REPL.$JShell$12", "lambda$fetch$0", "$JShell$12.java", 9),
            new StackTraceElement("REPL.$JShell$13", "lambda$do_it$$0", "$JShell$13.java", 3),
            new StackTraceElement("org.javaasync.runtime.Task", "runBody", "Task.java", 90),
            new StackTraceElement("java.lang.VirtualThread", "run", "VirtualThread.java", 300),
        });
        boom.getCause().setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.lib.Socket", "write", "Socket.java", 5),
            new StackTraceElement("org.javaasync.runtime.Task", "runBody", "Task.java", 90),
        });
        assertEquals(
                """
                Task exception was never retrieved
                task: 'worker-3' (started by cell [4]); await it, or handle the error inside it
                java.lang.IllegalStateException: boom
                    at com.lib.Client.send(Client.java:10)
                    at fetch(cell 2, line 3)
                    at lambda in <cell>(cell code)
                Caused by: java.lang.RuntimeException: root
                    at com.lib.Socket.write(Socket.java:5)
                """,
                UnretrievedFailure.describe(
                        "worker-3", boom, 4, frame -> frame.getLineNumber() == 7 ? "cell 2, line 3" : null));
    }
}
