package org.javaasync.kernel.service;

import java.util.List;
import java.util.Map;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.frontend.ErrorReport;

/**
 * How a cell ended, for the reply to its request. What the cell showed (output, its result, its error) has already
 * gone to the frontend while it ran; this is what the reply adds.
 */
public sealed interface ExecuteResult {

    /** The execution count the reply carries. */
    int executionCount();

    /**
     * The cell ran to its end.
     *
     * @param payload         what the frontend is asked to do besides showing output
     * @param userExpressions the values of the request's user expressions, by name
     */
    record Ok(int executionCount, List<Payload> payload, Map<String, UserExpression> userExpressions)
            implements ExecuteResult {

        public Ok {
            payload = List.copyOf(payload);
            userExpressions = Map.copyOf(userExpressions);
        }
    }

    /** The cell failed, was interrupted, or could not run. */
    record Failed(int executionCount, ErrorReport error) implements ExecuteResult {}

    /** An instruction in a reply's {@code payload}. */
    sealed interface Payload {

        /** Show {@code data} in the pager (IPython's {@code ?name}). */
        record Page(MimeBundle data) implements Payload {}

        /** Ask the frontend to leave ({@code exit}, {@code quit}); {@code keepKernel} keeps the kernel running. */
        record AskExit(boolean keepKernel) implements Payload {}
    }

    /** The value of one user expression. */
    sealed interface UserExpression {

        /** The expression's value, rendered. */
        record Value(MimeBundle bundle) implements UserExpression {}

        /** The expression failed. */
        record Failed(ErrorReport error) implements UserExpression {}
    }
}
