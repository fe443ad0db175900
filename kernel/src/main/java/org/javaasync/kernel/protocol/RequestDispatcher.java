package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.kernel.evaluator.Completeness;
import org.javaasync.kernel.evaluator.Completion;
import org.javaasync.kernel.evaluator.Inspection;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.protocol.Contents.ExecutionState;
import org.javaasync.kernel.service.AnalysisService;
import org.javaasync.kernel.service.ExecutionService;
import org.javaasync.kernel.service.History;

/**
 * Turns requests into service calls and replies: the kernel's side of the messaging protocol, above the services.
 *
 * <p>Threads: the transport's I/O thread only hands messages over, except for the two whose order matters: it queues
 * {@code execute_request}s on the {@link ExecuteHandler} and applies {@code interrupt_request}s itself, so that an
 * interrupt stops what was requested before it and never what comes after (both only set flags and queue work).
 * Other control requests (shutdown) run on {@code kernel-control}; requests that need the evaluator (complete,
 * inspect, is_complete) run on {@code kernel-analysis}, where they may wait for JShell to warm up without delaying
 * {@code kernel_info}; other shell requests run on {@code kernel-shell}. Every request is framed
 * by busy and idle; a request with a missing or wrong-typed field gets an error reply; an unknown request is logged.
 */
public final class RequestDispatcher implements InboundHandler {

    /** A handler of one request type: the reply's content. */
    @FunctionalInterface
    private interface Handler {
        ObjectNode handle(WireMessage request) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(RequestDispatcher.class.getName());

    private final ProtocolFrontend frontend;
    private final Contents contents;
    private final ExecuteHandler execute;
    private final AnalysisService analysis;
    private final History history;
    private final Runnable shutdown;
    private final ExecutorService control = single("kernel-control");
    private final ExecutorService shell = single("kernel-shell");
    private final ExecutorService analysisThread = single("kernel-analysis");
    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    /** @param shutdown ends the process; called after the {@code shutdown_reply} has been queued */
    public RequestDispatcher(
            ProtocolFrontend frontend,
            ExecutionService execution,
            AnalysisService analysis,
            History history,
            Runnable shutdown) {
        this.frontend = frontend;
        this.contents = frontend.contents();
        this.execute = new ExecuteHandler(frontend, execution);
        this.analysis = analysis;
        this.history = history;
        this.shutdown = shutdown;
        handlers.put("kernel_info_request", m -> KernelInfo.content(contents));
        handlers.put("comm_info_request", this::commInfo);
        handlers.put("history_request", this::history);
        handlers.put("complete_request", this::complete);
        handlers.put("inspect_request", this::inspect);
        handlers.put("is_complete_request", this::isComplete);
        handlers.put("interrupt_request", this::interrupt);
        handlers.put("shutdown_request", this::shutdownRequest);
    }

    /** Starts serving {@code execute_request}s. */
    public void start() {
        execute.start();
    }

    /** Publishes the kernel's {@code starting} status, as ipykernel does when it comes up. */
    public void announceStart() {
        frontend.status(null, ExecutionState.STARTING);
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
            case CONTROL -> {
                if (type.equals("interrupt_request")) {
                    // Decided here, in arrival order with the execute requests around it: an interrupt stops what
                    // was sent before it, never a request that arrives after it. Interrupting only sets flags and
                    // queues work, so the I/O thread is not held up.
                    handle(Channel.CONTROL, message);
                } else {
                    control.execute(() -> handle(Channel.CONTROL, message));
                }
            }
            case SHELL -> {
                if (type.equals("execute_request")) {
                    // Queued here, on the I/O thread, before any later message is read: an interrupt that arrives
                    // after the request always finds it queued (or running).
                    submitExecute(message);
                } else if (type.equals("complete_request")
                        || type.equals("inspect_request")
                        || type.equals("is_complete_request")) {
                    analysisThread.execute(() -> handle(Channel.SHELL, message));
                } else {
                    shell.execute(() -> handle(Channel.SHELL, message));
                }
            }
            case IOPUB -> LOG.warning("a message arrived on iopub, which only publishes");
        }
    }

    private void submitExecute(WireMessage message) {
        try {
            execute.submit(message);
        } catch (BadRequestException e) {
            LOG.warning(() -> "bad execute_request: " + e.getMessage());
            frontend.status(message, ExecutionState.BUSY);
            ObjectNode reply = badRequest(message, e);
            reply.put("execution_count", execute.executionCount());
            frontend.reply(Channel.SHELL, message, reply);
            frontend.status(message, ExecutionState.IDLE);
        }
    }

    private void handle(Channel channel, WireMessage message) {
        String type = message.msgType();
        Handler handler = handlers.get(type);
        if (handler == null) {
            if (type.endsWith("_request")) {
                LOG.warning(() -> "unknown request type '" + type + "' on " + channel.wireName() + "; not answered");
            } else {
                LOG.info(() -> "ignored a '" + type + "' message on " + channel.wireName());
            }
            return;
        }
        frontend.status(message, ExecutionState.BUSY);
        try {
            ObjectNode reply = handler.handle(message);
            frontend.reply(channel, message, reply);
            if (type.equals("shutdown_request")) {
                // Frontends also learn of a shutdown on iopub (protocol 5.4); then the process ends.
                frontend.publish(message, "shutdown_reply", reply.deepCopy());
                frontend.status(message, ExecutionState.IDLE);
                shutdown.run();
                return;
            }
        } catch (BadRequestException e) {
            LOG.warning(() -> "bad " + type + ": " + e.getMessage());
            frontend.reply(channel, message, badRequest(message, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frontend.reply(channel, message, contents.errorReply(error(e)));
        } catch (Throwable e) {
            // Out of memory included: the request gets an answer and this thread serves on.
            LOG.log(Level.SEVERE, "handling " + type + " failed", e);
            frontend.reply(channel, message, contents.errorReply(error(e)));
        }
        frontend.status(message, ExecutionState.IDLE);
    }

    private ObjectNode badRequest(WireMessage message, BadRequestException e) {
        return contents.errorReply(new ErrorReport("BadRequest", message.msgType() + ": " + e.getMessage(), List.of()));
    }

    private static ErrorReport error(Throwable e) {
        return new ErrorReport(e.getClass().getName(), String.valueOf(e.getMessage()), List.of());
    }

    private ObjectNode commInfo(WireMessage message) {
        Fields.string(message.content(), "target_name", null);
        ObjectNode reply = contents.ok();
        reply.putObject("comms"); // this kernel opens no comms
        return reply;
    }

    private ObjectNode interrupt(WireMessage message) {
        LOG.info("interrupt requested");
        frontend.cancelInputs();
        execute.interrupt();
        return contents.ok();
    }

    private ObjectNode shutdownRequest(WireMessage message) {
        ObjectNode reply = contents.ok();
        reply.put("restart", Fields.bool(message.content(), "restart", false));
        return reply;
    }

    private ObjectNode complete(WireMessage message) throws InterruptedException {
        String code = Fields.string(message.content(), "code");
        int cursor = CodePoints.toUtf16(
                code, Fields.integer(message.content(), "cursor_pos", code.codePointCount(0, code.length())));
        Completion completion = analysis.complete(code, cursor);
        ObjectNode reply = contents.ok();
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

    private ObjectNode inspect(WireMessage message) throws InterruptedException {
        String code = Fields.string(message.content(), "code");
        int cursor = CodePoints.toUtf16(
                code, Fields.integer(message.content(), "cursor_pos", code.codePointCount(0, code.length())));
        int detail = Fields.integer(message.content(), "detail_level", 0);
        Inspection inspection = analysis.inspect(code, cursor, detail);
        ObjectNode reply = contents.ok();
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

    private ObjectNode isComplete(WireMessage message) throws InterruptedException {
        Completeness completeness = analysis.isComplete(Fields.string(message.content(), "code"));
        ObjectNode reply = contents.object();
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
        ObjectNode reply = contents.ok();
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
