package org.javaasync.kernel.service;

import java.util.Map;
import org.javaasync.kernel.frontend.Parent;

/**
 * A cell to execute, as the protocol layer read it from an {@code execute_request}.
 *
 * @param parent          the request, for every message the cell causes
 * @param code            the cell's source
 * @param silent          run as quietly as possible: no result shown, nothing stored, the count not advanced
 * @param storeHistory    record the cell in the history and advance the execution count
 * @param userExpressions expressions to evaluate after the cell, by name
 * @param allowStdin      whether the frontend answers input requests
 */
public record ExecuteRequest(
        Parent parent,
        String code,
        boolean silent,
        boolean storeHistory,
        Map<String, String> userExpressions,
        boolean allowStdin) {

    public ExecuteRequest {
        userExpressions = Map.copyOf(userExpressions);
    }
}
