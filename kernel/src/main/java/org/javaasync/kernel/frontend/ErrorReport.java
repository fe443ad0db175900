package org.javaasync.kernel.frontend;

import java.util.List;

/**
 * An error as a frontend shows it: {@code ename} (the exception's type, or a kernel word such as
 * {@code CompileError}), {@code evalue} (its message) and {@code traceback}, the lines to print, already pointing at
 * the user's cells and lines.
 */
public record ErrorReport(String ename, String evalue, List<String> traceback) {

    public ErrorReport {
        evalue = evalue == null ? "" : evalue;
        traceback = List.copyOf(traceback);
    }
}
