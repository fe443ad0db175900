package org.javaasync.kernel;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.display.Renderers;
import org.javaasync.kernel.evaluator.CellThreads;
import org.javaasync.kernel.evaluator.Evaluator;
import org.javaasync.kernel.frontend.Frontend;
import org.javaasync.kernel.jshell.JShellEvaluator;
import org.javaasync.kernel.jshell.ThreadSnippetRunner;
import org.javaasync.kernel.loop.KernelLoop;
import org.javaasync.kernel.loop.LoopGuard;
import org.javaasync.kernel.loop.LoopSnippetRunner;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.magic.ClasspathMagics;
import org.javaasync.kernel.magic.Magics;
import org.javaasync.kernel.magic.MavenMagics;
import org.javaasync.kernel.magic.TaskMagics;
import org.javaasync.kernel.magic.TimeMagic;
import org.javaasync.kernel.magic.TimelineMagic;
import org.javaasync.kernel.maven.MavenSession;
import org.javaasync.kernel.output.CellOutput;
import org.javaasync.kernel.output.CellOutputs;
import org.javaasync.kernel.output.LoopReports;
import org.javaasync.kernel.output.OutputRouter;
import org.javaasync.kernel.output.RoutingOutputStream;
import org.javaasync.kernel.output.StdinBridge;
import org.javaasync.kernel.protocol.MessageFactory;
import org.javaasync.kernel.protocol.Outbox;
import org.javaasync.kernel.protocol.ProtocolFrontend;
import org.javaasync.kernel.protocol.RequestDispatcher;
import org.javaasync.kernel.service.AnalysisService;
import org.javaasync.kernel.service.EvaluatorHost;
import org.javaasync.kernel.service.ExecutionService;
import org.javaasync.kernel.service.History;
import org.javaasync.kernel.trace.CellFrames;
import org.javaasync.kernel.trace.FrameLocator;
import org.javaasync.kernel.trace.PrintedTraces;
import org.javaasync.runtime.Task;

/**
 * The parts of a kernel, put together: the event loop and the tasks it tracks, the evaluator, the cells' output, the
 * services, and the request dispatcher in front of them, which sends its messages to an {@link Outbox}. The process
 * ({@link Main}) puts the sockets in front of it; tests of the whole request path put a recording outbox there.
 *
 * <p>Layers, top down, each importing only those below it: protocol (framing, JSON) → services (execute, analysis,
 * history) and magics → the evaluator, the loop and the output plumbing → the frontend interface, traces, the
 * display API. This class alone sees them all.
 */
public final class Kernel {

    private static final Logger LOG = Logger.getLogger(Kernel.class.getName());

    private final RequestDispatcher dispatcher;
    private final EvaluatorHost evaluators;
    private final KernelLoop kernelLoop;

    private Kernel(RequestDispatcher dispatcher, EvaluatorHost evaluators, KernelLoop kernelLoop) {
        this.dispatcher = dispatcher;
        this.evaluators = evaluators;
        this.kernelLoop = kernelLoop;
    }

    /**
     * Assembles a kernel.
     *
     * @param outbox           where its messages go
     * @param messages         builds them, in the kernel's session
     * @param log              where reports go before any cell exists (the process's original stderr)
     * @param redirectStreams  route {@code System.out}, {@code System.err} and {@code System.in} through the cells
     *                         (the process does; a test that only inspects replies need not)
     * @param shutdown         ends the process, after the {@code shutdown_reply} is queued
     */
    static Kernel assemble(
            Outbox outbox, MessageFactory messages, PrintStream log, boolean redirectStreams, Runnable shutdown) {
        ProtocolFrontend frontend = new ProtocolFrontend(outbox, messages);
        OutputRouter router = new OutputRouter();
        Output.setLookup(router::current); // display(...) in a cell reaches the same cell as its System.out
        CellThreads.install(router); // work cell code hands to other threads writes into that cell

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kernel-output-flush");
            thread.setDaemon(true);
            return thread;
        });
        KernelLoop kernelLoop = KernelLoop.start(); // one loop for the kernel's life; every cell's tasks run on it
        TimelineMagic<CellOutput> timeline = new TimelineMagic<>(kernelLoop, router::current);
        TaskRegistry<CellOutput> tasks =
                new TaskRegistry<>(kernelLoop.loop(), CellOutput.class, router::current, timeline::records);
        timeline.watch(tasks);
        kernelLoop.loop().setTaskObserver(tasks);
        router.routeTasksBy(thread -> tasks.currentContext());
        LoopGuard<CellOutput> guard = new LoopGuard<>(kernelLoop, tasks, CellOutput::executionCount);
        EvaluatorHost evaluators = new EvaluatorHost(evaluatorFactory(router, kernelLoop, tasks, guard));
        FrameLocator locator = frame -> {
            var evaluator = evaluators.ifReady();
            return evaluator == null ? null : evaluator.locate(frame);
        };
        if (redirectStreams) {
            redirectStandardStreams(router, frontend, locator);
        }
        // Output of tasks that outlive their cell goes to a display left in that cell; failures nobody retrieved and
        // the loop's own reports are shown in the cell of the task concerned.
        CellOutputs outputs =
                new CellOutputs(frontend, scheduler, System::nanoTime, kernelLoop.loop(), locator, router);
        outputs.watch(tasks);
        kernelLoop.loop().setReporter(new LoopReports(tasks, router::current, log::print, locator));
        History history = new History();
        Magics magics = magics(kernelLoop, tasks, timeline, router, guard);
        ExecutionService execution =
                new ExecutionService(evaluators, history, outputs, magics, Renderers::render, guard, scheduler);
        RequestDispatcher dispatcher =
                new RequestDispatcher(frontend, execution, new AnalysisService(evaluators, magics), history, shutdown);
        return new Kernel(dispatcher, evaluators, kernelLoop);
    }

    /** Receives the requests. */
    RequestDispatcher dispatcher() {
        return dispatcher;
    }

    /** Starts serving cells and warming the evaluator, and says so ({@code starting}). */
    void start() {
        dispatcher.start();
        evaluators.start();
        dispatcher.announceStart(); // clients that connected early see the kernel come up
    }

    /** Cancels every task and gives their cleanup up to {@code grace}; then stops the loop. */
    void stopTasks(Duration grace) {
        kernelLoop.shutdown(grace);
    }

    /** Closes JShell, waiting at most {@code wait} for it. */
    void closeEvaluator(Duration wait) {
        Thread closer = new Thread(evaluators::close, "kernel-evaluator-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void redirectStandardStreams(OutputRouter router, Frontend frontend, FrameLocator locator) {
        System.setOut(new PrintStream(
                new RoutingOutputStream("stdout", router, new PrintedTraces(new CellFrames(locator))),
                true,
                StandardCharsets.UTF_8));
        System.setErr(new PrintStream(
                new RoutingOutputStream("stderr", router, new PrintedTraces(new CellFrames(locator))),
                true,
                StandardCharsets.UTF_8));
        InputStream in = new StdinBridge(router, frontend);
        System.setIn(in);
    }

    /**
     * Creates the JShell evaluator, wired to the output router, running every snippet as a task on
     * {@code kernelLoop}: the task is named after the cell ({@code cell[3]}) and carries the cell's output binding,
     * which the tasks it creates inherit, so their output lands in that cell even after it has finished.
     */
    static Supplier<Evaluator> evaluatorFactory(
            OutputRouter router, KernelLoop kernelLoop, TaskRegistry<CellOutput> tasks, LoopGuard<CellOutput> guard) {
        return () -> {
            LoopSnippetRunner.CellContext cells = new LoopSnippetRunner.CellContext() {
                @Override
                public String taskName() {
                    CellOutput cell = router.current();
                    return cell == null ? "cell" : "cell[" + cell.executionCount() + "]";
                }

                @Override
                public UnaryOperator<Runnable> capture() {
                    CellOutput cell = router.current();
                    return job -> () -> {
                        try (var binding = router.bind(cell)) {
                            job.run();
                        }
                    };
                }

                @Override
                public void waitingForLoop() {
                    LoopGuard.Hold<CellOutput> hold = guard.hold(Duration.ZERO);
                    String why = hold != null
                            ? guard.describe(hold) + " without awaiting"
                            : "the event loop is busy running code that does not await";
                    Output.current().stream(
                            "stderr",
                            "⏳ This cell is waiting: " + why + ". Interrupt the kernel (■, or I I) to stop it.\n");
                }

                @Override
                public void kernelWork(Task<?> task, double seconds) {
                    tasks.kernelWork(task, seconds); // compiling is not the cell's running time in %%timeline
                }
            };
            // -Djavaasync.runner=thread runs snippets on a plain thread instead (no loop, no top-level await): only
            // so that bench/await_bench.py can measure what running a cell as a task costs, in one run.
            JShellEvaluator evaluator = "thread".equals(System.getProperty("javaasync.runner"))
                    ? new JShellEvaluator(new ThreadSnippetRunner())
                    : new JShellEvaluator(new LoopSnippetRunner(kernelLoop.loop(), cells, Duration.ofSeconds(2)));
            // Warm-up proceeds step by step in the background; a first cell waits for one step, not all of them.
            evaluator.warmUp().whenComplete((ok, failure) -> {
                if (failure != null) {
                    // Usually a shutdown during warm-up; cells run either way, only slower at first.
                    LOG.info(() -> "JShell warm-up did not finish: " + failure);
                }
            });
            return evaluator;
        };
    }

    /**
     * The magics of a kernel: {@code %lsmagic}, {@code %time}, {@code %%timeline}, {@code %tasks}, {@code %maven}...
     */
    static Magics magics(
            KernelLoop kernelLoop,
            TaskRegistry<CellOutput> tasks,
            TimelineMagic<CellOutput> timeline,
            OutputRouter router,
            LoopGuard<CellOutput> guard) {
        Magics magics = new Magics()
                .line("time", "times a Java statement or expression: %time fetchAll()", TimeMagic::line)
                .cell("time", "times the cell's Java (wall and CPU time)", TimeMagic::cell);
        timeline.registerIn(magics);
        new TaskMagics<>(guard, tasks, CellOutput::executionCount, router::current).registerIn(magics);
        ClasspathMagics classpath = new ClasspathMagics();
        classpath.registerIn(magics);
        // Reads JAVAASYNC_MAVEN_REPOSITORIES; a bad entry is logged and left out, never a failed start. The
        // resolver itself loads at the first %maven.
        new MavenMagics(MavenSession.fromEnvironment(System.getenv(), LOG::warning), classpath).registerIn(magics);
        return magics;
    }
}
