package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.spi.SPIResolutionException;
import org.javaasync.kernel.evaluator.CellExitError;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.trace.JShellNames;
import org.javaasync.kernel.trace.RuntimeErrors;

/**
 * The outcome of a cell whose code threw: what the user sees of the exception ({@link RuntimeErrors}), a call of a
 * method that waits for an undeclared one, {@code System.exit}, or an interrupt.
 */
final class SnippetFailures {

    private final JShell jshell;
    private final RuntimeErrors runtimeErrors;

    SnippetFailures(JShell jshell, RuntimeErrors runtimeErrors) {
        this.jshell = jshell;
        this.runtimeErrors = runtimeErrors;
    }

    /** The error for {@code thrown}, which the code of cell {@code cell} threw (not an interrupt). */
    EvalOutcome.Error of(Throwable thrown, int cell) {
        if (thrown instanceof SPIResolutionException unresolved) {
            // JShell compiles a method that calls an undeclared one into a body that throws this when called.
            return unresolved(String.valueOf(unresolved.id()));
        }
        List<String> traceback = runtimeErrors.traceback(thrown, cell);
        if (thrown instanceof CellExitError exit) {
            traceback = new ArrayList<>(traceback);
            traceback.set(0, "SystemExit: " + exit.getMessage());
            return new EvalOutcome.Error(EvalOutcome.Kind.EXIT, "SystemExit", exit.getMessage(), traceback);
        }
        return new EvalOutcome.Error(
                EvalOutcome.Kind.RUNTIME,
                JShellNames.scrub(thrown.getClass().getName()),
                thrown.getMessage() == null ? "" : JShellNames.scrub(thrown.getMessage()),
                traceback);
    }

    /**
     * The cell was interrupted; {@code thrown} is what its code threw as it stopped ({@code null} if it was not
     * running): the lines of the cell it was at are shown, the JDK's frames of a blocking call add nothing.
     */
    EvalOutcome.Error interrupted(Throwable thrown, int cell) {
        List<String> traceback = new ArrayList<>();
        traceback.add("Interrupted: the cell was stopped.");
        if (thrown != null) {
            runtimeErrors.traceback(thrown, cell).stream()
                    .filter(line -> line.startsWith("    at ") && (line.contains("(line ") || line.contains("(cell ")))
                    .forEach(traceback::add);
        }
        return new EvalOutcome.Error(
                EvalOutcome.Kind.INTERRUPTED, "Interrupted", "The cell was interrupted", traceback);
    }

    private EvalOutcome.Error unresolved(String snippetId) {
        DeclarationSnippet declaration = jshell.snippets()
                .filter(s -> s.id().equals(snippetId) && s instanceof DeclarationSnippet)
                .map(DeclarationSnippet.class::cast)
                .findFirst()
                .orElse(null);
        String message = declaration == null
                ? "this code calls a declaration that waits for something undeclared"
                : UnresolvedNotes.describe(declaration) + " cannot be called until "
                        + String.join(
                                ", ", jshell.unresolvedDependencies(declaration).toList())
                        + " is declared";
        return new EvalOutcome.Error(
                EvalOutcome.Kind.COMPILE, "UnresolvedReference", message, List.of("UnresolvedReference: " + message));
    }
}
