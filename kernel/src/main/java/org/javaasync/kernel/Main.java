package org.javaasync.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.javaasync.kernel.display.Renderers;
import org.javaasync.kernel.jshell.JShellEvaluator;
import org.javaasync.kernel.maven.MavenWarmUp;
import org.javaasync.kernel.maven.ResolutionException;
import org.javaasync.kernel.output.OutputLimit;
import org.javaasync.kernel.protocol.MalformedMessageException;
import org.javaasync.kernel.protocol.MessageCodec;
import org.javaasync.kernel.protocol.MessageFactory;
import org.javaasync.kernel.protocol.Transport;

/**
 * The kernel process: {@code java ... org.javaasync.kernel.Main CONNECTION_FILE}. Binds the connection file's
 * sockets, assembles the {@link Kernel} behind them and serves until a {@code shutdown_request}.
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
            ExitGuard.allow();
            System.exit(2);
        }
        if (args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        PrintStream originalErr = System.err;
        KernelLog.install(originalErr);
        OutputLimit.current(); // a bad JAVA_ASYNC_OUTPUT_LIMIT is logged now, at start, not at the first cell
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
                codec,
                maxMessageBytes());
        Kernel[] kernel = new Kernel[1];
        kernel[0] = Kernel.assemble(transport, new MessageFactory(json), originalErr, true, () -> {
            shutdown(transport, kernel[0]);
        });
        transport.start(kernel[0].dispatcher());
        LOG.info(() -> "listening on " + connection.getIp() + " (shell " + connection.getShellPort() + ")");
        kernel[0].start();
        ParentWatch.start(() -> shutdown(transport, kernel[0]));
        Thread.currentThread().join(); // the daemon threads serve until shutdown_request or a signal
    }

    /**
     * Runs what a kernel start and a first cell run, then exits: the installer calls this once with
     * {@code -XX:+AutoCreateSharedArchive} so that the class-data-sharing archive holds JShell's and the compiler's
     * classes before the first real start (and the resolver's, for the first {@code %maven}).
     */
    private static void warmUp() {
        try (JShellEvaluator evaluator = new JShellEvaluator()) {
            // The start-up path of a real kernel: connection file, JSON, signing, sockets, messages.
            KernelConnectionProperties.parse("{\"ip\":\"127.0.0.1\",\"transport\":\"tcp\",\"shell_port\":1,"
                    + "\"iopub_port\":2,\"stdin_port\":3,\"control_port\":4,\"hb_port\":5,\"key\":\"k\","
                    + "\"signature_scheme\":\"hmac-sha256\"}");
            ObjectMapper json = new ObjectMapper();
            MessageFactory messages = new MessageFactory(json);
            var content = json.createObjectNode().put("code", "1 + 1");
            Transport.exercise(
                    new MessageCodec(json, "hmac-sha256", "warm-up"),
                    messages.publication(json.createObjectNode(), "execute_request", content));
            KernelLog.install(new PrintStream(OutputStream.nullOutputStream()));
            evaluator.warmUp().join();
            evaluator.eval("1 + 1");
            Renderers.render(List.of(1, 2));
            evaluator.eval("var warm = java.util.List.of(1, 2, 3).stream().mapToInt(i -> i).sum();");
            evaluator.complete("Str", 3);
            evaluator.isComplete("int x = ");
            MavenWarmUp.run(); // the resolver's classes into the archive: a session's first %maven is quicker
        } catch (RuntimeException
                | IOException
                | ResolutionException
                | GeneralSecurityException
                | MalformedMessageException e) {
            System.err.println("warm-up failed: " + e);
            ExitGuard.allow();
            System.exit(1);
        }
        ExitGuard.allow();
        System.exit(0);
    }

    /** The variable that sets the largest message accepted, in MiB. */
    static final String MAX_MESSAGE_VARIABLE = "JAVA_ASYNC_MAX_MESSAGE_MB";

    /** The largest request accepted: {@value #MAX_MESSAGE_VARIABLE} MiB, by default 256 MiB. */
    static long maxMessageBytes() {
        String configured = System.getenv(MAX_MESSAGE_VARIABLE);
        long mib = 256;
        if (configured != null && !configured.isBlank()) {
            try {
                mib = Long.parseLong(configured.strip());
                if (mib <= 0) {
                    throw new NumberFormatException("not positive");
                }
            } catch (NumberFormatException e) {
                mib = 256;
                LOG.warning(MAX_MESSAGE_VARIABLE + "='" + configured + "' is not a positive number of MiB; using 256");
            }
        }
        return mib << 20;
    }

    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private static void shutdown(Transport transport, Kernel kernel) {
        if (!SHUTTING_DOWN.compareAndSet(false, true)) {
            return; // a shutdown request and the launcher's exit may both ask
        }
        Thread exit = new Thread(
                () -> {
                    LOG.info("shutting down");
                    kernel.stopTasks(Duration.ofSeconds(2)); // their cleanup (finally blocks, may await) runs first
                    transport.close(); // sends the queued replies first
                    kernel.closeEvaluator(Duration.ofSeconds(2));
                    // halt, not exit: a shutdown hook of user code must not keep a dead kernel alive.
                    ExitGuard.allow();
                    Runtime.getRuntime().halt(0);
                },
                "kernel-shutdown");
        exit.start();
    }
}
