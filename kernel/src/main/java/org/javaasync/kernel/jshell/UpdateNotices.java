package org.javaasync.kernel.jshell;

import java.util.List;
import java.util.Locale;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.Snippet.Status;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * What the user is told when a declaration changes a declaration of an earlier cell, in the jshell tool's words:
 * "update modified variable total, which cannot be referenced until this error is corrected: ..." or "... until
 * method twice(int) is declared". A variable whose value is reset says so through {@link VariableValues}.
 */
final class UpdateNotices {

    private UpdateNotices() {}

    /**
     * The notice for {@code event}, an update of a declaration that another snippet caused, or {@code null} when the
     * update leaves it as usable as before (or it is a name the kernel never shows).
     */
    static String of(SnippetEvent event, JShell jshell) {
        if (event.causeSnippet() == null
                || !(event.snippet() instanceof DeclarationSnippet declaration)
                || isHidden(declaration)
                || event.status() == event.previousStatus()
                || !event.previousStatus().isDefined()
                || event.status() == Status.OVERWRITTEN
                || event.status() == Status.DROPPED
                || event.status() == Status.VALID) {
            return null;
        }
        List<String> missing = jshell.unresolvedDependencies(declaration)
                .map(UpdateNotices::userName)
                .toList();
        String until;
        if (!missing.isEmpty()) {
            until = String.join(", ", missing) + (missing.size() == 1 ? " is declared" : " are declared");
        } else {
            until = "this error is corrected: "
                    + jshell.diagnostics(declaration)
                            .filter(Diag::isError)
                            .map(d -> d.getMessage(Locale.ROOT)
                                    .lines()
                                    .findFirst()
                                    .orElse(""))
                            .findFirst()
                            .orElse("it does not compile any more");
        }
        return "Warning: update modified " + describe(declaration) + ", which cannot be " + use(declaration) + " until "
                + until + ".";
    }

    /** How the user names {@code declaration}: {@code method twice(int)}, {@code class Point}, {@code variable x}. */
    static String describe(PersistentSnippet declaration) {
        return switch (declaration.kind()) {
            case METHOD ->
                "method " + userName(declaration.name()) + "(" + ((MethodSnippet) declaration).parameterTypes() + ")";
            case TYPE_DECL -> "class " + declaration.name();
            case VAR -> "variable " + declaration.name();
            default -> declaration.name();
        };
    }

    private static String use(Snippet declaration) {
        return switch (declaration.kind()) {
            case METHOD -> "invoked";
            case VAR -> "referenced";
            default -> "used";
        };
    }

    /**
     * The rewrite's body methods ({@code fetch$async}) and JShell's temporaries ({@code $3}) are never shown: the
     * wrapper the user declared, or nothing, stands for them.
     */
    private static boolean isHidden(PersistentSnippet declaration) {
        return declaration.name().endsWith("$async")
                || declaration instanceof VarSnippet variable
                        && variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    /** {@code method fetch$async(int)} as JShell names an unresolved dependency → {@code method fetch(int)}. */
    private static String userName(String name) {
        return name.replace("$async", "");
    }
}
