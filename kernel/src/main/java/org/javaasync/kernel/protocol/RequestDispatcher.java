package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;
import org.javaasync.kernel.magic.ParsedCell;
import org.javaasync.kernel.service.EvaluatorHost;
import org.javaasync.kernel.service.ExecuteRequest;
import org.javaasync.kernel.service.ExecutionService;
import org.javaasync.kernel.service.History;

/**
 * Turns requests into service calls and replies. Replaces the basekernel's {@code ShellChannel} dispatch, whose
 * handlers run synchronously on the socket's thread and whose exceptions kill it.
 *
 * <p>Threads: the transport's I/O thread only hands messages over. Control requests (interrupt, shutdown) run on
 * {@code kernel-control}; shell requests on {@code kernel-shell}, except that {@code execute_request}s go to the
 * {@link ExecutionService} queue and requests that need JShell (complete, inspect, is_complete) run on
 * {@code kernel-analysis}, where they may wait for JShell to warm up without delaying {@code kernel_info}. Every
 * request is framed by busy/idle status messages; a request with a missing or wrong-typed field gets an error
 * reply; an unknown request is logged.
 */
public final class RequestDispatcher implements InboundHandler {

    private static final Logger LOG = Logger.getLogger(RequestDispatcher.class.getName());

    private final MessageFactory messages;
    private final ProtocolFrontend frontend;
    private final ExecutionService execution;
    private final EvaluatorHost evaluators;
    private final History history;
    private final Runnable shutdown;
    private final ExecutorService control = single("kernel-control");
    private final ExecutorService shell = single("kernel-shell");
    private final ExecutorService analysis = single("kernel-analysis");
    private final Map<String, Function<WireMessage, ObjectNode>> handlers = new LinkedHashMap<>();

    /** @param shutdown ends the process; called after the {@code shutdown_reply} has been queued */
    public RequestDispatcher(
            MessageFactory messages,
            ProtocolFrontend frontend,
            ExecutionService execution,
            EvaluatorHost evaluators,
            History history,
            Runnable shutdown) {
        this.messages = messages;
        this.frontend = frontend;
        this.execution = execution;
        this.evaluators = evaluators;
        this.history = history;
        this.shutdown = shutdown;
        handlers.put("kernel_info_request", m -> KernelInfo.content(messages));
        handlers.put("comm_info_request", this::commInfo);
        handlers.put("history_request", this::history);
        handlers.put("complete_request", this::complete);
        handlers.put("inspect_request", this::inspect);
        handlers.put("is_complete_request", this::isComplete);
        handlers.put("interrupt_request", this::interrupt);
        handlers.put("shutdown_request", this::shutdownRequest);
    }

    private static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onMessage(Channel channel, WireMessage message) {
        String type = message.msgType();
        switch (channel) {
            case STDIN -> {
                if (type.equals("input_reply")) {
                    frontend.onInputReply(message);
                } else {
                    LOG.warning(() -> "ignored a " + type + " on stdin");
                }
            }
            case CONTROL -> control.execute(() -> handle(Channel.CONTROL, message));
            case SHELL -> {
                if (type.equals("execute_request")) {
                    shell.execute(() -> submitExecute(message));
                } else if (type.equals("complete_request")
                        || type.equals("inspect_request")
                        || type.equals("is_complete_request")) {
                    analysis.execute(() -> handle(Channel.SHELL, message));
                } else {
                    shell.execute(() -> handle(Channel.SHELL, message));
                }
            }
            case IOPUB -> LOG.warning("a message arrived on iopub, which only publishes");
        }
    }

    private void submitExecute(WireMessage message) {
        ExecuteRequest request;
        try {
            ObjectNode content = message.content();
            Map<String, String> expressions = new LinkedHashMap<>();
            for (var entry : Fields.object(content, "user_expressions").properties()) {
                if (!entry.getValue().isTextual()) {
                    throw new BadRequestException("user_expressions['" + entry.getKey() + "'] must be a string");
                }
                expressions.put(entry.getKey(), entry.getValue().asText());
            }
            boolean silent = Fields.bool(content, "silent", false);
            request = new ExecuteRequest(
                    message,
                    Fields.string(content, "code"),
                    silent,
                    Fields.bool(content, "store_history", !silent),
                    expressions,
                    Fields.bool(content, "allow_stdin", true),
                    Fields.bool(content, "stop_on_error", true));
        } catch (BadRequestException e) {
            answerBadRequest(Channel.SHELL, message, e);
            return;
        }
        execution.submit(request);
    }

    private void handle(Channel channel, WireMessage message) {
        String type = message.msgType();
        Function<WireMessage, ObjectNode> handler = handlers.get(type);
        if (handler == null) {
            if (type.endsWith("_request")) {
                LOG.warning(() -> "unknown request type '" + type + "' on " + channel.wireName() + "; not answered");
            } else {
                LOG.info(() -> "ignored a '" + type + "' message on " + channel.wireName());
            }
            return;
        }
        publishStatus(message, "busy");
        try {
            ObjectNode reply = handler.apply(message);
            frontend.reply(channel, message, reply);
            if (type.equals("shutdown_request")) {
                // Frontends also learn of a shutdown on iopub (protocol 5.4); then the process ends.
                frontend.publish(message, "shutdown_reply", reply.deepCopy());
                publishStatus(message, "idle");
                shutdown.run();
                return;
            }
        } catch (BadRequestException e) {
            LOG.warning(() -> "bad " + type + ": " + e.getMessage());
            frontend.reply(channel, message, error("BadRequest", type + ": " + e.getMessage(), List.of()));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "handling " + type + " failed", e);
            frontend.reply(channel, message, error(e.getClass().getName(), String.valueOf(e.getMessage()), List.of()));
        }
        publishStatus(message, "idle");
    }

    private void answerBadRequest(Channel channel, WireMessage message, BadRequestException e) {
        LOG.warning(() -> "bad " + message.msgType() + ": " + e.getMessage());
        publishStatus(message, "busy");
        ObjectNode reply = error("BadRequest", message.msgType() + ": " + e.getMessage(), List.of());
        reply.put("execution_count", execution.executionCount());
        frontend.reply(channel, message, reply);
        publishStatus(message, "idle");
    }

    private ObjectNode error(String ename, String evalue, List<String> traceback) {
        ObjectNode content = messages.object();
        content.put("status", "error");
        content.put("ename", ename);
        content.put("evalue", evalue);
        ArrayNode lines = content.putArray("traceback");
        traceback.forEach(lines::add);
        return content;
    }

    private void publishStatus(WireMessage parent, String state) {
        ObjectNode content = messages.object();
        content.put("execution_state", state);
        frontend.publish(parent, "status", content);
    }

    private ObjectNode ok() {
        ObjectNode content = messages.object();
        content.put("status", "ok");
        return content;
    }

    private ObjectNode commInfo(WireMessage message) {
        Fields.string(message.content(), "target_name", null);
        ObjectNode reply = ok();
        reply.putObject("comms"); // this kernel opens no comms
        return reply;
    }

    private ObjectNode interrupt(WireMessage message) {
        LOG.info("interrupt requested");
        frontend.cancelInputs();
        execution.interrupt();
        return ok();
    }

    private ObjectNode shutdownRequest(WireMessage message) {
        ObjectNode reply = ok();
        reply.put("restart", Fields.bool(message.content(), "restart", false));
        return reply;
    }

    private Evaluator evaluator() {
        try {
            return evaluators.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the evaluator");
        }
    }

    private ObjectNode complete(WireMessage message) {
        String code = Fields.string(message.content(), "code");
        int cursor = CodePoints.toUtf16(
                code, Fields.integer(message.content(), "cursor_pos", code.codePointCount(0, code.length())));
        Completion completion = evaluator().complete(ParsedCell.parse(code).code(), cursor);
        ObjectNode reply = ok();
        ArrayNode matches = reply.putArray("matches");
        ArrayNode types = reply.putObject("metadata").putArray("_jupyter_types_experimental");
        int start = CodePoints.fromUtf16(code, completion.cursorStart());
        int end = CodePoints.fromUtf16(code, completion.cursorEnd());
        for (Completion.Item item : completion.matches()) {
            matches.add(item.text());
            ObjectNode typed = types.addObject();
            typed.put("start", start);
            typed.put("end", end);
            typed.put("text", item.text());
            typed.put("type", item.type() == null ? "" : item.type());
            typed.put("signature", item.signature() == null ? "" : item.signature());
        }
        reply.put("cursor_start", start);
        reply.put("cursor_end", end);
        return reply;
    }

    private ObjectNode inspect(WireMessage message) {
        String code = Fields.string(message.content(), "code");
        int cursor = CodePoints.toUtf16(
                code, Fields.integer(message.content(), "cursor_pos", code.codePointCount(0, code.length())));
        int detail = Fields.integer(message.content(), "detail_level", 0);
        Inspection inspection = evaluator().inspect(ParsedCell.parse(code).code(), cursor, detail);
        ObjectNode reply = ok();
        reply.put("found", inspection.found());
        ObjectNode data = reply.putObject("data");
        if (inspection.found()) {
            data.put("text/plain", inspection.text());
            if (inspection.html() != null) {
                data.put("text/html", inspection.html());
            }
        }
        reply.putObject("metadata");
        return reply;
    }

    private ObjectNode isComplete(WireMessage message) {
        String code = Fields.string(message.content(), "code");
        Completeness completeness =
                evaluator().isComplete(ParsedCell.parse(code).code());
        ObjectNode reply = messages.object();
        reply.put("status", completeness.status().name().toLowerCase());
        if (completeness.status() == Completeness.Status.INCOMPLETE) {
            reply.put("indent", completeness.indent() == null ? "" : completeness.indent());
        }
        return reply;
    }

    private ObjectNode history(WireMessage message) {
        ObjectNode content = message.content();
        boolean output = Fields.bool(content, "output", false);
        boolean unique = Fields.bool(content, "unique", false);
        int n = Fields.integer(content, "n", 0);
        String access = Fields.string(content, "hist_access_type", "tail");
        List<History.Entry> entries = switch (access) {
            case "tail" -> history.tail(n, unique);
            case "range" ->
                history.range(
                        Fields.integer(content, "session", 0),
                        Fields.integer(content, "start", 0),
                        Fields.integer(content, "stop", 0));
            case "search" -> history.search(Fields.string(content, "pattern", "*"), n, unique);
            default ->
                throw new BadRequestException("hist_access_type must be tail, range or search, not '" + access + "'");
        };
        ObjectNode reply = ok();
        ArrayNode list = reply.putArray("history");
        for (History.Entry entry : entries) {
            ArrayNode row = list.addArray();
            row.add(entry.session());
            row.add(entry.line());
            if (output) {
                row.addArray().add(entry.input()).add(entry.output());
            } else {
                row.add(entry.input());
            }
        }
        return reply;
    }
}
