package org.javaasync.kernel.service;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.evaluator.CellInterrupt;
import org.javaasync.kernel.evaluator.CellRun;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.evaluator.Inspection;
import org.javaasync.kernel.frontend.ErrorReport;
import org.javaasync.kernel.loop.LoopGuard;
import org.javaasync.kernel.magic.Magics;
import org.javaasync.kernel.output.CellOutput;
import org.javaasync.kernel.output.CellOutputs;
import org.javaasync.kernel.service.ExecuteResult.Payload;
import org.javaasync.kernel.service.ExecuteResult.UserExpression;

/**
 * Runs cells: the language side of an {@code execute_request}, as ipykernel's {@code do_execute} is. The protocol
 * layer frames each request (busy, {@code execute_input}, the reply, idle, aborting the queue after an error); this
 * service gives the cell its execution count ({@link #admit}), runs it ({@link #run}) with its output routed to it,
 * and returns how it ended. One cell at a time, on the caller's thread.
 *
 * <p>Counting follows IPython: a cell advances the execution count only when it is stored in the history (neither
 * {@code silent} nor {@code store_history} false); the count a cell runs under is the number its traces and tasks
 * carry, {@code In [n]}, whatever ran before it (magics, silent requests).
 *
 * <p>Interrupts belong to their cell ({@link CellInterrupt}): an interrupt of the admitted cell stops it whether it
 * arrives before the cell starts, while it waits for the evaluator, or while it runs, and never reaches the next cell.
 */
public final class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class.getName());

    /** A cell admitted for execution: its count is fixed and it can be interrupted. */
    public static final class Admitted {
        private final ExecuteRequest request;
        private final CellRun run;
        private final boolean store;
        /** The cell's output once it runs. */
        private volatile CellOutput output;

        private Admitted(ExecuteRequest request, CellRun run, boolean store) {
            this.request = request;
            this.run = run;
            this.store = store;
        }

        /** The count the cell runs under, {@code In [n]}. */
        public int executionCount() {
            return run.number();
        }

        /** Interrupts this cell: before it starts, nothing of it runs. Any thread. */
        public void interrupt() {
            run.interrupt().interrupt();
        }
    }

    private final EvaluatorHost evaluators;
    private final History history;
    private final CellOutputs outputs;
    private final Magics magics;
    private final Function<Object, MimeBundle> renderer;
    private final LoopGuard<CellOutput> guard;
    private final ScheduledExecutorService scheduler;
    private final HeapTrim heapTrim;
    private final Object lock = new Object();
    private int executionCount;
    private Admitted current;

    /**
     * @param evaluators the session's evaluator, perhaps still starting
     * @param history    where stored cells go
     * @param outputs    the cells' output
     * @param magics     the kernel's magics, which a cell may start with
     * @param renderer   how a cell's value becomes a MIME bundle
     * @param guard      what holds the event loop, for interrupts
     * @param scheduler  runs the check, after an interrupt, that the loop was freed
     */
    public ExecutionService(
            EvaluatorHost evaluators,
            History history,
            CellOutputs outputs,
            Magics magics,
            Function<Object, MimeBundle> renderer,
            LoopGuard<CellOutput> guard,
            ScheduledExecutorService scheduler) {
        this.evaluators = evaluators;
        this.history = history;
        this.outputs = outputs;
        this.magics = magics;
        this.renderer = renderer;
        this.guard = guard;
        this.scheduler = scheduler;
        this.heapTrim = new HeapTrim(scheduler);
    }

    /**
     * Admits the next cell: fixes its execution count, records it in the history if it is stored, and makes it the
     * cell that {@link #interrupt()} stops. Call {@link #run} with it next.
     */
    public Admitted admit(ExecuteRequest request) {
        boolean store = request.storeHistory() && !request.silent();
        synchronized (lock) {
            int count = store ? ++executionCount : executionCount;
            if (store) {
                history.add(count, request.code(), null);
            }
            current = new Admitted(request, CellRun.of(count), store);
            return current;
        }
    }

    /** Runs an admitted cell to its end; never throws. */
    public ExecuteResult run(Admitted cell) {
        ExecuteRequest request = cell.request;
        CellOutput output =
                outputs.begin(request.parent(), cell.executionCount(), request.allowStdin(), request.silent());
        cell.output = output; // an interrupt tells the cell's own task holding the loop from another's by it
        try {
            List<Payload> payload = new ArrayList<>();
            EvalOutcome outcome = evaluate(request.code(), cell.run, payload);
            ExecuteResult result = report(outcome, cell, output, payload);
            if (result instanceof ExecuteResult.Ok ok
                    && !request.userExpressions().isEmpty()) {
                return new ExecuteResult.Ok(ok.executionCount(), ok.payload(), userExpressions(request, cell.run));
            }
            return result;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "cell [" + cell.executionCount() + "] failed in the kernel", e);
            return new ExecuteResult.Failed(cell.executionCount(), kernelError(e));
        } finally {
            output.flush();
            outputs.end(output);
            synchronized (lock) {
                if (current == cell) {
                    current = null;
                }
            }
            heapTrim.afterCell();
        }
    }

    /**
     * Interrupts what the user means to stop, and returns whether there was anything. Any thread.
     *
     * <p>A task that holds the event loop (it runs without awaiting) and is not the running cell's own keeps every
     * cell from running, so it is what an interrupt stops: it is cancelled at its next loop iteration, and a cell
     * waiting behind it goes on. Otherwise the admitted cell that has not finished is interrupted. The cells
     * concerned are told what was stopped, and told to restart the kernel if the holder runs code that cannot be
     * interrupted.
     */
    public boolean interrupt() {
        Admitted cell;
        synchronized (lock) {
            cell = current;
        }
        LoopGuard.Hold<CellOutput> hold = guard.hold(LoopGuard.HOLDING);
        CellOutput running = cell == null ? null : cell.output;
        if (hold != null && !(hold.cellsOwn() && hold.context() == running)) {
            stopHolder(hold, running); // the running cell, if any, waits behind it and goes on
            return true;
        }
        if (cell == null) {
            return false;
        }
        cell.run.interrupt().interrupt();
        return true;
    }

    /** Cancels the task that holds the loop, says so, and checks two seconds later that the loop is free. */
    private void stopHolder(LoopGuard.Hold<CellOutput> hold, CellOutput running) {
        String held = guard.describe(hold);
        guard.cancel(hold.task(), "interrupted: it held the event loop without awaiting");
        String told = "⏹ Interrupt: " + held + " without awaiting; it is cancelled.\n";
        tell(hold.context(), running, told);
        scheduler.schedule(
                () -> {
                    if (guard.stillHolds(hold)) {
                        tell(
                                hold.context(),
                                running,
                                "✖ Task '" + hold.task().getName() + "'" + guard.cellOf(hold)
                                        + " did not stop: it runs code that never checks for interrupts (native"
                                        + " code, or a JDK method that ignores them), so the event loop stays"
                                        + " blocked. Restart the kernel (Kernel > Restart) to recover.\n");
                    }
                },
                2,
                TimeUnit.SECONDS);
    }

    private static void tell(CellOutput holderCell, CellOutput running, String text) {
        if (running != null) {
            running.stream("stderr", text);
        }
        if (holderCell != null && holderCell != running) {
            holderCell.stream("stderr", text);
        }
    }

    /** The count of the last cell stored in the history. */
    public int executionCount() {
        synchronized (lock) {
            return executionCount;
        }
    }

    private EvalOutcome evaluate(String code, CellRun run, List<Payload> payload) {
        Evaluator evaluator;
        try {
            evaluator = evaluators.get(run.interrupt());
        } catch (InterruptedException e) {
            return new EvalOutcome.Error(
                    EvalOutcome.Kind.INTERRUPTED,
                    "Interrupted",
                    "The cell was interrupted",
                    List.of("Interrupted: the cell was stopped before it started."));
        } catch (IllegalStateException e) {
            return new EvalOutcome.Error(
                    EvalOutcome.Kind.RUNTIME, "EvaluatorFailed", e.getMessage(), List.of(e.getMessage()));
        }
        return switch (CellSyntax.of(code)) {
            case CellSyntax.Exit() -> {
                // As ipykernel does: the frontend decides. jupyter console leaves and shuts the kernel down; notebook
                // frontends ignore the request, so say what to do there.
                payload.add(new Payload.AskExit(false));
                System.out.println("To stop the kernel from a notebook, use Kernel > Shut Down.");
                yield new EvalOutcome.NoValue();
            }
            case CellSyntax.Help(String name, int detail) -> {
                Inspection doc =
                        name.startsWith("%") ? magics.help(name) : evaluator.inspect(name, name.length(), detail);
                payload.add(page(doc, name));
                yield new EvalOutcome.NoValue();
            }
            case CellSyntax.Code(String java) -> magics.run(java, evaluator, run);
        };
    }

    private static Payload page(Inspection inspection, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", inspection.found() ? inspection.text() : "No documentation found for " + name);
        if (inspection.found() && inspection.html() != null) {
            data.put("text/html", inspection.html());
        }
        return new Payload.Page(new MimeBundle(data, Map.of()));
    }

    private ExecuteResult report(EvalOutcome outcome, Admitted cell, CellOutput output, List<Payload> payload) {
        int count = cell.executionCount();
        boolean silent = cell.request.silent();
        if (!silent && !outcome.warnings().isEmpty()) {
            // The evaluator's notes (a redefinition that reset a variable...) come first, as the jshell tool prints
            // them before the value.
            output.stream("stderr", String.join("\n", outcome.warnings()) + "\n");
        }
        switch (outcome) {
            // Nothing to show, as IPython shows nothing for None: null, and the stream that printf/append return.
            case EvalOutcome.Value v when v.value() == null || v.value() == System.out || v.value() == System.err -> {}
            case EvalOutcome.Value v -> {
                MimeBundle bundle = render(v.value());
                if (!silent) {
                    output.result(bundle);
                }
                if (cell.store && bundle.data().get("text/plain") instanceof String text) {
                    history.setOutput(count, text);
                }
            }
            case EvalOutcome.NoValue noValue -> {}
            case EvalOutcome.Error error -> {
                ErrorReport report = new ErrorReport(error.ename(), error.evalue(), error.traceback());
                if (!silent) {
                    output.error(report);
                }
                return new ExecuteResult.Failed(count, report);
            }
        }
        return new ExecuteResult.Ok(count, payload, Map.of());
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

    private Map<String, UserExpression> userExpressions(ExecuteRequest request, CellRun run) {
        Evaluator evaluator = evaluators.ifReady();
        Map<String, UserExpression> results = new LinkedHashMap<>();
        for (var entry : request.userExpressions().entrySet()) {
            EvalOutcome outcome = evaluator == null
                    ? new EvalOutcome.Error(
                            EvalOutcome.Kind.RUNTIME, "IllegalStateException", "no evaluator", List.of())
                    : evaluator.eval(entry.getValue(), run);
            results.put(
                    entry.getKey(),
                    switch (outcome) {
                        case EvalOutcome.Value v -> new UserExpression.Value(render(v.value()));
                        case EvalOutcome.NoValue noValue -> new UserExpression.Value(MimeBundle.of("text/plain", ""));
                        case EvalOutcome.Error error ->
                            new UserExpression.Failed(
                                    new ErrorReport(error.ename(), error.evalue(), error.traceback()));
                    });
        }
        return results;
    }

    /** A failure of the kernel itself, shown as the cell's error so that the user sees something went wrong. */
    static ErrorReport kernelError(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return new ErrorReport(
                t.getClass().getName(),
                String.valueOf(t.getMessage()),
                List.of(out.toString().split("\n")));
    }
}
