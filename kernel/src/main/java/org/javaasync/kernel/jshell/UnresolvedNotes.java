package org.javaasync.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * The notes for declarations of a cell that still wait for something undeclared, as JShell's tool says them: "method
 * f() was declared but cannot be called until method g() is declared". JShell defines such a declaration; the note
 * says why calling it fails.
 */
final class UnresolvedNotes {

    private UnresolvedNotes() {}

    /** One note per declaration of {@code declared} that waits for something undeclared. */
    static List<String> of(List<DeclarationSnippet> declared, JShell jshell) {
        List<String> notes = new ArrayList<>();
        for (DeclarationSnippet declaration : declared) {
            Snippet.Status status = jshell.status(declaration);
            if (!status.isActive() || status.isDefined() && status != Snippet.Status.RECOVERABLE_DEFINED) {
                continue;
            }
            List<String> missing = jshell.unresolvedDependencies(declaration).toList();
            if (missing.isEmpty() || missing.stream().allMatch(name -> name.contains("$async"))) {
                // An async method's wrapper waits for its body method only when that body failed to compile, and
                // the compile error already says why; the rewrite's hidden name would only confuse.
                continue;
            }
            String use = status == Snippet.Status.RECOVERABLE_DEFINED ? "cannot be called" : "cannot be used";
            notes.add("Note: " + describe(declaration) + " was declared but " + use + " until "
                    + String.join(", ", missing) + " is declared.");
        }
        return notes;
    }

    /** {@code method f()}, {@code class C}, {@code variable v}: how the notes name a declaration. */
    static String describe(DeclarationSnippet declaration) {
        return switch (declaration.kind()) {
            case METHOD -> "method " + declaration.name() + "()";
            case TYPE_DECL -> "class " + declaration.name();
            case VAR -> "variable " + declaration.name();
            default -> declaration.name();
        };
    }
}
