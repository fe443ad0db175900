package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.protocol.Contents.ExecutionState;
import org.javaasync.kernel.service.ExecuteRequest;
import org.javaasync.kernel.service.ExecuteResult;
import org.javaasync.kernel.service.ExecuteResult.Payload;
import org.javaasync.kernel.service.ExecuteResult.UserExpression;
import org.javaasync.kernel.service.ExecutionService;

/**
 * The framing of {@code execute_request}s, as ipykernel's {@code kernelbase.execute_request} frames
 * {@code do_execute}: requests run one at a time, in arrival order, on the thread {@code kernel-execute} (so shell
 * and control keep answering while a cell runs or hangs). For each: {@code busy}, {@code execute_input} (unless
 * silent), the cell itself ({@link ExecutionService}), then {@code idle} and the reply. After a cell with
 * {@code stop_on_error} fails, the requests queued behind it when its reply goes out are answered {@code aborted}
 * without running, as Jupyter's "run all" expects; a request sent after the client has read that reply runs.
 *
 * <p>An interrupt stops the cell that runs; when none runs yet but requests wait (the interrupt came just after the
 * request), it stops the next one as it begins, which then ends with "stopped before it started": an interrupt is
 * never lost, and never reaches a cell requested after it.
 */
final class ExecuteHandler {

    private static final Logger LOG = Logger.getLogger(ExecuteHandler.class.getName());

    private record Queued(WireMessage message, ExecuteRequest request, boolean stopOnError) {}

    private final ProtocolFrontend frontend;
    private final Contents contents;
    private final ExecutionService execution;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    /** Taken from the queue, not yet admitted by the service; guarded by {@link #lock}. */
    private Queued taken;
    /** An interrupt for the next cell to begin; guarded by {@link #lock}. */
    private boolean interruptNext;

    ExecuteHandler(ProtocolFrontend frontend, ExecutionService execution) {
        this.frontend = frontend;
        this.contents = frontend.contents();
        this.execution = execution;
    }

    /** Starts the execution thread. */
    void start() {
        Thread thread = new Thread(this::serve, "kernel-execute");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads an {@code execute_request} and queues it; answers a malformed one at once.
     *
     * @throws BadRequestException if a field is missing or of the wrong type
     */
    void submit(WireMessage message) {
        ObjectNode content = message.content();
        Map<String, String> expressions = new LinkedHashMap<>();
        for (var entry : Fields.object(content, "user_expressions").properties()) {
            if (!entry.getValue().isTextual()) {
                throw new BadRequestException("user_expressions['" + entry.getKey() + "'] must be a string");
            }
            expressions.put(entry.getKey(), entry.getValue().asText());
        }
        boolean silent = Fields.bool(content, "silent", false);
        ExecuteRequest request = new ExecuteRequest(
                new WireParent(message),
                Fields.string(content, "code"),
                silent,
                Fields.bool(content, "store_history", !silent),
                expressions,
                Fields.bool(content, "allow_stdin", true));
        queue.add(new Queued(message, request, Fields.bool(content, "stop_on_error", true)));
    }

    /** Stops the running cell, or the next one to begin if requests wait; does nothing when none does. */
    void interrupt() {
        synchronized (lock) {
            if (!execution.interrupt() && (taken != null || !queue.isEmpty())) {
                interruptNext = true;
            }
        }
    }

    /** The execution count of the last stored cell, for replies that carry one. */
    int executionCount() {
        return execution.executionCount();
    }

    private void serve() {
        while (true) {
            Queued next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                continue; // nothing interrupts this thread on purpose; keep serving
            }
            try {
                execute(next);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "execute_request " + next.message().msgId() + " failed in the kernel", t);
                ErrorReport error = new ErrorReport(t.getClass().getName(), String.valueOf(t.getMessage()), List.of());
                ObjectNode reply = contents.errorReply(error);
                reply.put("execution_count", execution.executionCount());
                frontend.status(next.message(), ExecutionState.IDLE);
                frontend.reply(Channel.SHELL, next.message(), reply);
            }
            Thread.interrupted(); // an interrupt aimed at a finished cell must not reach the next one
        }
    }

    private void execute(Queued queued) {
        WireMessage message = queued.message();
        frontend.status(message, ExecutionState.BUSY);
        synchronized (lock) {
            taken = queued;
        }
        ExecutionService.Admitted cell = execution.admit(queued.request());
        synchronized (lock) {
            taken = null;
            if (interruptNext) {
                interruptNext = false;
                cell.interrupt();
            }
        }
        if (!queued.request().silent()) {
            ObjectNode input = contents.object();
            input.put("code", queued.request().code());
            input.put("execution_count", cell.executionCount());
            frontend.publish(message, "execute_input", input);
        }
        ExecuteResult result = execution.run(cell);
        // The requests to abort are those queued behind the failed cell before its reply goes out: a request the
        // client sends after reading the error reply is a new decision of the user's and runs.
        List<Queued> toAbort = new ArrayList<>();
        if (queued.stopOnError() && result instanceof ExecuteResult.Failed) {
            queue.drainTo(toAbort);
        }
        // Idle goes out just before the reply (the protocol orders neither): a client that reads the reply and then
        // drains iopub with a short timeout, as jupyter_kernel_test does, always finds the idle already received.
        frontend.status(message, ExecutionState.IDLE);
        frontend.reply(Channel.SHELL, message, reply(result));
        abort(toAbort);
    }

    private ObjectNode reply(ExecuteResult result) {
        ObjectNode reply;
        switch (result) {
            case ExecuteResult.Failed failed -> reply = contents.errorReply(failed.error());
            case ExecuteResult.Ok ok -> {
                reply = contents.ok();
                ObjectNode expressions = reply.putObject("user_expressions");
                ok.userExpressions().forEach((name, value) -> expressions.set(name, userExpression(value)));
                ArrayNode payload = reply.putArray("payload");
                ok.payload().forEach(p -> payload.add(payload(p)));
            }
        }
        if (!reply.has("payload")) {
            reply.putArray("payload");
        }
        reply.put("execution_count", result.executionCount());
        return reply;
    }

    private ObjectNode userExpression(UserExpression value) {
        return switch (value) {
            case UserExpression.Value(var bundle) -> {
                ObjectNode content = contents.ok();
                content.setAll(contents.bundle(bundle, null));
                yield content;
            }
            case UserExpression.Failed(var error) -> contents.errorReply(error);
        };
    }

    private ObjectNode payload(Payload payload) {
        ObjectNode content = contents.object();
        switch (payload) {
            case Payload.Page(var data) -> {
                content.put("source", "page");
                content.put("start", 0);
                content.setAll(contents.bundle(data, null));
                content.remove("metadata");
            }
            case Payload.AskExit(boolean keepKernel) -> {
                content.put("source", "ask_exit");
                content.put("keepkernel", keepKernel);
            }
        }
        return content;
    }

    /** Answers requests {@code aborted} without running them, as ipykernel does after an error (stop_on_error). */
    private void abort(List<Queued> aborted) {
        for (Queued queued : aborted) {
            frontend.status(queued.message(), ExecutionState.BUSY);
            ObjectNode reply = contents.object();
            reply.put("status", "aborted");
            reply.put("execution_count", execution.executionCount());
            frontend.status(queued.message(), ExecutionState.IDLE);
            frontend.reply(Channel.SHELL, queued.message(), reply);
        }
        if (!aborted.isEmpty()) {
            LOG.info(() -> "aborted " + aborted.size() + " queued execute_request(s) after an error");
        }
    }
}
