package org.javaasync.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.javaasync.kernel.display.MimeBundle;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.display.Renderers;
import org.javaasync.kernel.jshell.Evaluator;
import org.javaasync.kernel.jshell.JShellEvaluator;
import org.javaasync.kernel.jshell.ThreadSnippetRunner;
import org.javaasync.kernel.loop.KernelLoop;
import org.javaasync.kernel.loop.LoopSnippetRunner;
import org.javaasync.kernel.loop.TaskRegistry;
import org.javaasync.kernel.magic.ClasspathMagics;
import org.javaasync.kernel.magic.Magics;
import org.javaasync.kernel.magic.MavenResolver;
import org.javaasync.kernel.magic.TaskMagics;
import org.javaasync.kernel.magic.TimeMagic;
import org.javaasync.kernel.magic.TimelineMagic;
import org.javaasync.kernel.protocol.MessageCodec;
import org.javaasync.kernel.protocol.MessageFactory;
import org.javaasync.kernel.protocol.ProtocolFrontend;
import org.javaasync.kernel.protocol.RequestDispatcher;
import org.javaasync.kernel.protocol.Transport;
import org.javaasync.runtime.Task;

/**
 * The kernel process: {@code java ... org.javaasync.kernel.Main CONNECTION_FILE}.
 *
 * <p>Start-up order matters for latency: sockets are bound and served before JShell exists, so
 * {@code kernel_info} is answered at once while the evaluator warms up on another thread.
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar javaasync-kernel.jar CONNECTION_FILE | --warm-up");
            System.exit(2);
        }
        if (args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        PrintStream originalErr = System.err;
        KernelLog.install(originalErr);
        KernelConnectionProperties connection =
                KernelConnectionProperties.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));

        ObjectMapper json = new ObjectMapper();
        MessageCodec codec = new MessageCodec(json, connection.getSignatureScheme(), connection.getKey());
        Transport transport = new Transport(
                new Transport.Endpoints(
                        connection.getTransport(),
                        connection.getIp(),
                        connection.getShellPort(),
                        connection.getControlPort(),
                        connection.getStdinPort(),
                        connection.getIopubPort(),
                        connection.getHbPort()),
                codec);
        MessageFactory messages = new MessageFactory(json);
        ProtocolFrontend frontend = new ProtocolFrontend(transport, messages);

        OutputRouter router = new OutputRouter();
        Output.setLookup(router::current); // display(...) in a cell reaches the same cell as its System.out

        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
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
        // Output of tasks that outlive their cell goes to a display left in that cell; failures nobody awaited and
        // the loop's own reports are shown in the cell of the task concerned.
        EvaluatorHost evaluators = new EvaluatorHost(evaluatorFactory(router, kernelLoop, tasks));
        Function<StackTraceElement, String> locator = frame -> {
            var evaluator = evaluators.ifReady();
            return evaluator == null ? null : evaluator.locate(frame);
        };
        redirectStandardStreams(router, frontend, locator);
        BackgroundTasks background = new BackgroundTasks(tasks, kernelLoop.loop(), router, locator);
        kernelLoop.loop().setReporter(new LoopReports(tasks, router::current, originalErr::print, locator));
        History history = new History();
        ExecutionService execution =
                new ExecutionService(evaluators, history, frontend, router, json, flusher, renderer());
        execution.useMagics(magics(kernelLoop, tasks, timeline, router));
        RequestDispatcher dispatcher = new RequestDispatcher(
                messages, frontend, execution, evaluators, history, () -> shutdown(transport, evaluators, kernelLoop));

        execution.onCellEnded(background::cellEnded);
        execution.start();
        transport.start(dispatcher);
        LOG.info(() -> "listening on " + connection.getIp() + " (shell " + connection.getShellPort() + ")");
        evaluators.start();
        // Publish the "starting" status, as ipykernel does; clients that connected early see the kernel come up.
        var starting = frontend.object();
        starting.put("execution_state", "starting");
        frontend.publish(null, "status", starting);
        Thread.currentThread().join(); // the daemon threads serve until shutdown_request or a signal
    }

    private static void redirectStandardStreams(
            OutputRouter router, ProtocolFrontend frontend, Function<StackTraceElement, String> locator) {
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
     * Runs what a kernel start and a first cell run, then exits: the installer calls this once with
     * {@code -XX:+AutoCreateSharedArchive} so that the class-data-sharing archive holds JShell's and the compiler's
     * classes before the first real start.
     */
    private static void warmUp() {
        try (JShellEvaluator evaluator = new JShellEvaluator()) {
            // The start-up path of a real kernel: connection file, JSON, signing, sockets, messages.
            KernelConnectionProperties.parse("{\"ip\":\"127.0.0.1\",\"transport\":\"tcp\",\"shell_port\":1,"
                    + "\"iopub_port\":2,\"stdin_port\":3,\"control_port\":4,\"hb_port\":5,\"key\":\"k\","
                    + "\"signature_scheme\":\"hmac-sha256\"}");
            ObjectMapper json = new ObjectMapper();
            MessageFactory messages = new MessageFactory(json);
            var content = messages.object();
            content.put("code", "1 + 1");
            Transport.exercise(
                    new MessageCodec(json, "hmac-sha256", "warm-up"),
                    messages.publication(messages.object(), "execute_request", content));
            KernelLog.install(new PrintStream(OutputStream.nullOutputStream()));
            evaluator.warmUp().join();
            evaluator.eval("1 + 1");
            Renderers.render(java.util.List.of(1, 2));
            evaluator.eval("var warm = java.util.List.of(1, 2, 3).stream().mapToInt(i -> i).sum();");
            evaluator.complete("Str", 3);
            evaluator.isComplete("int x = ");
        } catch (RuntimeException
                | java.security.GeneralSecurityException
                | org.javaasync.kernel.protocol.MalformedMessageException e) {
            System.err.println("warm-up failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * Creates the JShell evaluator, wired to the output router, running every snippet as a task on
     * {@code kernelLoop}: the task is named after the cell ({@code cell[3]}) and carries the cell's output binding,
     * which the tasks it creates inherit, so their output lands in that cell even after it has finished.
     */
    static Supplier<Evaluator> evaluatorFactory(
            OutputRouter router, KernelLoop kernelLoop, TaskRegistry<CellOutput> tasks) {
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
            OutputRouter router) {
        Magics magics = new Magics()
                .line("time", "times a Java statement or expression: %time fetchAll()", TimeMagic::line)
                .cell("time", "times the cell's Java (wall and CPU time)", TimeMagic::cell);
        timeline.registerIn(magics);
        new TaskMagics<>(kernelLoop, tasks, CellOutput::executionCount, router::current).registerIn(magics);
        new ClasspathMagics(MavenResolver.standard()).registerIn(magics);
        return magics;
    }

    /** How a cell's value becomes a MIME bundle. */
    static Function<Object, MimeBundle> renderer() {
        return Renderers::render;
    }

    private static void shutdown(Transport transport, EvaluatorHost evaluators, KernelLoop kernelLoop) {
        Thread exit = new Thread(
                () -> {
                    LOG.info("shutting down");
                    // Cancel every task and let its cleanup (finally blocks, which may await) run, within a bound.
                    kernelLoop.shutdown(Duration.ofSeconds(2));
                    transport.close(); // sends the queued replies first
                    Thread closer = new Thread(evaluators::close, "kernel-evaluator-close");
                    closer.setDaemon(true);
                    closer.start();
                    try {
                        closer.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // halt, not exit: a shutdown hook of user code must not keep a dead kernel alive.
                    Runtime.getRuntime().halt(0);
                },
                "kernel-shutdown");
        exit.start();
    }
}
