package org.javaasync.kernel.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.magic.Magics;
import org.javaasync.kernel.output.CellOutput;
import org.javaasync.kernel.output.OutputLimit;
import org.javaasync.kernel.output.OutputRouter;

/**
 * Runs {@code execute_request}s one at a time, in arrival order, on its own thread ({@code kernel-execute}), so
 * that the shell and control channels keep answering while a cell runs or hangs.
 *
 * <p>For each request it publishes busy, {@code execute_input}, the cell's output, {@code execute_result} or
 * {@code error}, then idle, and replies. It honours {@code silent} (no input, result or counter increment),
 * {@code store_history}, {@code user_expressions} (evaluated after the cell) and {@code stop_on_error} (requests
 * queued when a cell fails are answered {@code aborted} without running).
 */
public final class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class.getName());
    /** {@code ?name} or {@code name?}: show the documentation of {@code name} in the pager, as IPython does. */
    // JShell's /exit and IPython's exit/quit: what a console user types to leave.
    private static final Pattern EXIT = Pattern.compile("\\s*(?:/exit|exit|quit)\\s*(?:\\(\\s*\\))?\\s*;?\\s*");

    private static final Pattern HELP =
            Pattern.compile("\\s*(\\?\\??)\\s*([\\w.$()]+)\\s*|\\s*([\\w.$()]+)\\s*(\\?\\??)\\s*");

    private final EvaluatorHost evaluators;
    private final History history;
    private final Frontend frontend;
    private final OutputRouter router;
    private final ObjectMapper json;
    private final ScheduledExecutorService flusher;
    private final Function<Object, MimeBundle> renderer;
    /** How a cell's source is evaluated: through the magics when the kernel installs them ({@link #useMagics}). */
    private volatile BiFunction<String, Evaluator, EvalOutcome> cellEvaluation =
            (code, evaluator) -> evaluator.eval(code);

    private final LinkedBlockingQueue<ExecuteRequest> queue = new LinkedBlockingQueue<>();
    private volatile int executionCount;
    private volatile Thread worker;
    /** True while the worker waits for the evaluator to start: an interrupt then interrupts that wait. */
    private volatile boolean waitingForEvaluator;

    private volatile java.util.function.Consumer<CellOutput> cellEnded = cell -> {};

    public ExecutionService(
            EvaluatorHost evaluators,
            History history,
            Frontend frontend,
            OutputRouter router,
            ObjectMapper json,
            ScheduledExecutorService flusher,
            Function<Object, MimeBundle> renderer) {
        this.evaluators = evaluators;
        this.history = history;
        this.frontend = frontend;
        this.router = router;
        this.json = json;
        this.flusher = flusher;
        this.renderer = renderer;
    }

    /**
     * Evaluates cells through {@code magics}: {@code %line} and {@code %%cell} magics at the top of a cell run
     * before, or around, its Java. Call before {@link #start()}.
     */
    public void useMagics(Magics magics) {
        cellEvaluation = magics::run;
    }

    /** Starts the execution thread. */
    public void start() {
        Thread thread = new Thread(this::run, "kernel-execute");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Queues a request; returns at once. */
    public void submit(ExecuteRequest request) {
        queue.add(request);
    }

    /**
     * Stops the running cell: through the evaluator, or, if the cell still waits for the evaluator to start, by
     * interrupting that wait. Called from the control thread.
     */
    public void interrupt() {
        if (waitingForEvaluator) {
            Thread thread = worker;
            if (thread != null) {
                thread.interrupt();
            }
        }
        evaluators.interrupt();
    }

    /** The count of the last cell run with {@code store_history}. */
    public int executionCount() {
        return executionCount;
    }

    private void run() {
        while (true) {
            ExecuteRequest request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                // Only an evaluator gone astray interrupts this thread; clear it and keep serving.
                continue;
            }
            try {
                execute(request);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "execute_request " + request.message().msgId() + " failed in the kernel", t);
                frontend.reply(request.message(), errorContent(t, executionCount));
                frontend.publish(request.message(), "status", status("idle"));
            }
            Thread.interrupted(); // an interrupt aimed at the finished cell must not hit the next one
        }
    }

    private void execute(ExecuteRequest request) {
        frontend.publish(request.message(), "status", status("busy"));
        boolean store = request.storeHistory() && !request.silent();
        int count = store ? ++executionCount : executionCount;
        if (!request.silent()) {
            ObjectNode input = frontend.object();
            input.put("code", request.code());
            input.put("execution_count", count);
            frontend.publish(request.message(), "execute_input", input);
        }
        if (store) {
            history.add(count, request.code(), null);
        }
        CellOutput cell = new CellOutput(
                request.message(), count, request.allowStdin(), frontend, json, flusher, OutputLimit.current());
        router.begin(cell);
        ObjectNode reply;
        List<ObjectNode> payload = new ArrayList<>();
        try {
            EvalOutcome outcome = evaluate(request.code(), payload);
            reply = report(outcome, request, cell, count, store);
            if (reply.get("status").asText().equals("ok")) {
                reply.set("user_expressions", userExpressions(request.userExpressions()));
            }
        } finally {
            cell.flush();
            if (!request.silent()) { // a silent request publishes nothing, so it leaves no display either
                endCell(cell);
            }
            router.end(cell);
        }
        ArrayNode payloads = reply.putArray("payload");
        payload.forEach(payloads::add);
        // Idle goes out just before the reply (the protocol orders neither): a client that reads the reply and
        // then drains iopub with a short timeout, as jupyter_kernel_test does, then always finds the idle already
        // received, even on a loaded machine.
        frontend.publish(request.message(), "status", status("idle"));
        frontend.reply(request.message(), reply);
        if (request.stopOnError() && reply.get("status").asText().equals("error")) {
            abortQueued();
        }
    }

    /**
     * Sets what runs when a cell's code has finished, before its reply and {@code idle}: the place to leave a display
     * in the cell for tasks that outlive it ({@link BackgroundTasks}).
     */
    public void onCellEnded(java.util.function.Consumer<CellOutput> hook) {
        cellEnded = hook;
    }

    private void endCell(CellOutput cell) {
        try {
            cellEnded.accept(cell);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ending cell [" + cell.executionCount() + "] failed in the kernel", e);
        }
    }

    private EvalOutcome evaluate(String code, List<ObjectNode> payload) {
        try {
            Evaluator evaluator;
            waitingForEvaluator = true;
            try {
                evaluator = evaluators.get();
            } finally {
                waitingForEvaluator = false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (EXIT.matcher(code).matches()) {
                // As ipykernel does: the frontend decides; jupyter console leaves and shuts the kernel down, notebook
                // frontends ignore the request, so say what to do there.
                ObjectNode exit = frontend.object();
                exit.put("source", "ask_exit");
                exit.put("keepkernel", false);
                payload.add(exit);
                System.out.println("To stop the kernel from a notebook, use Kernel > Shut Down.");
                return new EvalOutcome.NoValue();
            }
            Matcher help = HELP.matcher(code);
            if (help.matches()) {
                String name = help.group(2) != null ? help.group(2) : help.group(3);
                String marks = help.group(1) != null ? help.group(1) : help.group(4);
                payload.add(page(evaluator.inspect(name, name.length(), marks.length() - 1), name));
                return new EvalOutcome.NoValue();
            }
            return cellEvaluation.apply(code, evaluator);
        } catch (InterruptedException e) {
            return new EvalOutcome.Error(
                    EvalOutcome.Kind.INTERRUPTED,
                    "InterruptedException",
                    "interrupted while the Java evaluator was starting",
                    List.of("Interrupted: the cell was stopped before it started"));
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "the evaluator failed", t);
            return new EvalOutcome.Error(
                    EvalOutcome.Kind.RUNTIME, t.getClass().getName(), String.valueOf(t.getMessage()), traceback(t));
        }
    }

    private ObjectNode page(Inspection inspection, String name) {
        ObjectNode page = frontend.object();
        page.put("source", "page");
        page.put("start", 0);
        ObjectNode data = page.putObject("data");
        data.put("text/plain", inspection.found() ? inspection.text() : "No documentation found for " + name);
        if (inspection.found() && inspection.html() != null) {
            data.put("text/html", inspection.html());
        }
        return page;
    }

    private ObjectNode report(EvalOutcome outcome, ExecuteRequest request, CellOutput cell, int count, boolean store) {
        ObjectNode reply = frontend.object();
        switch (outcome) {
            // Nothing to show, as IPython shows nothing for None: null, and the stream that printf/append return.
            case EvalOutcome.Value(Object value)
            when value == null || value == System.out || value == System.err -> reply.put("status", "ok");
            case EvalOutcome.Value(Object value) -> {
                MimeBundle bundle = render(value);
                if (!request.silent()) {
                    ObjectNode result = cell.bundleContent(bundle);
                    result.put("execution_count", count);
                    cell.publishInOrder("execute_result", result);
                }
                if (store && bundle.data().get("text/plain") instanceof String text) {
                    history.setOutput(count, text);
                }
                reply.put("status", "ok");
            }
            case EvalOutcome.NoValue() -> reply.put("status", "ok");
            case EvalOutcome.Error error -> {
                ObjectNode content = errorContent(error);
                if (!request.silent()) {
                    cell.publishInOrder("error", content.deepCopy());
                }
                reply.put("status", "error");
                reply.setAll(content);
            }
        }
        reply.put("execution_count", count);
        return reply;
    }

    private MimeBundle render(Object value) {
        try {
            MimeBundle bundle = renderer.apply(value);
            if (bundle != null && bundle.data() != null && !bundle.data().isEmpty()) {
                return bundle;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(
                    Level.WARNING,
                    "rendering a " + (value == null ? "null" : value.getClass().getName()) + " failed",
                    e);
        }
        return MimeBundle.of("text/plain", String.valueOf(value));
    }

    private ObjectNode userExpressions(Map<String, String> expressions) {
        ObjectNode results = frontend.object();
        if (expressions.isEmpty()) {
            return results;
        }
        Evaluator evaluator = evaluators.ifReady();
        for (var entry : expressions.entrySet()) {
            ObjectNode result = frontend.object();
            EvalOutcome outcome = evaluator == null
                    ? new EvalOutcome.Error(
                            EvalOutcome.Kind.RUNTIME, "IllegalStateException", "no evaluator", List.of())
                    : evaluate(entry.getValue(), new ArrayList<>());
            switch (outcome) {
                case EvalOutcome.Value(Object value) -> {
                    MimeBundle bundle = render(value);
                    result.put("status", "ok");
                    result.setAll(bundleContentOf(bundle));
                }
                case EvalOutcome.NoValue() -> {
                    result.put("status", "ok");
                    result.putObject("data").put("text/plain", "");
                    result.putObject("metadata");
                }
                case EvalOutcome.Error error -> {
                    result.put("status", "error");
                    result.setAll(errorContent(error));
                }
            }
            results.set(entry.getKey(), result);
        }
        return results;
    }

    private ObjectNode bundleContentOf(MimeBundle bundle) {
        ObjectNode content = frontend.object();
        content.set("data", json.valueToTree(bundle.data()));
        content.set("metadata", json.valueToTree(bundle.metadata() == null ? Map.of() : bundle.metadata()));
        return content;
    }

    /** Answers every queued request {@code aborted}, as IPython does after an error with {@code stop_on_error}. */
    private void abortQueued() {
        List<ExecuteRequest> aborted = new ArrayList<>();
        queue.drainTo(aborted);
        for (ExecuteRequest request : aborted) {
            frontend.publish(request.message(), "status", status("busy"));
            ObjectNode reply = frontend.object();
            reply.put("status", "aborted");
            reply.put("execution_count", executionCount);
            frontend.publish(request.message(), "status", status("idle"));
            frontend.reply(request.message(), reply);
        }
        if (!aborted.isEmpty()) {
            LOG.info(() -> "aborted " + aborted.size() + " queued execute_request(s) after an error");
        }
    }

    private ObjectNode errorContent(EvalOutcome.Error error) {
        ObjectNode content = frontend.object();
        content.put("ename", error.ename());
        content.put("evalue", error.evalue() == null ? "" : error.evalue());
        ArrayNode traceback = content.putArray("traceback");
        error.traceback().forEach(traceback::add);
        return content;
    }

    private ObjectNode errorContent(Throwable t, int count) {
        ObjectNode content = errorContent(new EvalOutcome.Error(
                EvalOutcome.Kind.RUNTIME, t.getClass().getName(), String.valueOf(t.getMessage()), traceback(t)));
        content.put("status", "error");
        content.put("execution_count", count);
        return content;
    }

    private static List<String> traceback(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return List.of(out.toString().split("\n"));
    }

    private ObjectNode status(String state) {
        ObjectNode content = frontend.object();
        content.put("execution_state", state);
        return content;
    }
}
