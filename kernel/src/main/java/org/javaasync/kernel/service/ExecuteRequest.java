package org.javaasync.kernel.service;

import java.util.Map;
import org.javaasync.kernel.protocol.WireMessage;

/** An {@code execute_request}, its fields read and checked by the protocol layer. */
public record ExecuteRequest(
        WireMessage message,
        String code,
        boolean silent,
        boolean storeHistory,
        Map<String, String> userExpressions,
        boolean allowStdin,
        boolean stopOnError) {}
