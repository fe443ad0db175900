package org.javaasync.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's ZeroMQ sockets and the one thread that owns them.
 *
 * <p>Replaces the basekernel's channel loops, which sleep 50 ms between polls and die on the first malformed
 * message. Here a single I/O thread blocks in a ZeroMQ poller on shell, control and stdin plus an in-process
 * wake-up socket; any thread may {@link #send} (the message is queued and the I/O thread woken), because ZeroMQ
 * sockets must not be used by two threads at once. Every received multipart message is read in full before it is
 * decoded, so a short or garbled message is dropped alone and the next one is read intact. The heartbeat has its
 * own thread and socket so that it answers even if decoding stalls.
 *
 * <p>All sockets bind to the connection file's address only.
 */
public final class Transport implements Outbox, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Transport.class.getName());
    private static final String WAKE_ADDRESS = "inproc://javaasync-transport-wake";

    /** The five endpoints of a connection file. */
    public record Endpoints(String transport, String ip, int shell, int control, int stdin, int iopub, int heartbeat) {
        String address(int port) {
            return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
        }
    }

    private record Outgoing(Channel channel, WireMessage message) {}

    private final MessageCodec codec;
    private final long maxMessageBytes;
    private final ZContext context = new ZContext(1);
    private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final ZMQ.Socket wakeSender;
    private final Object wakeLock = new Object();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket wakeReceiver;
    private final ZMQ.Socket heartbeat;
    private final CountDownLatch ioStopped = new CountDownLatch(1);
    private volatile boolean running;
    private InboundHandler handler;

    /**
     * Creates and binds all sockets; nothing is read until {@link #start}.
     *
     * @param maxMessageBytes the largest message accepted on shell, control and stdin
     */
    public Transport(Endpoints endpoints, MessageCodec codec, long maxMessageBytes) {
        this.codec = codec;
        this.maxMessageBytes = maxMessageBytes;
        shell = bind(SocketType.ROUTER, endpoints, endpoints.shell());
        control = bind(SocketType.ROUTER, endpoints, endpoints.control());
        stdin = bind(SocketType.ROUTER, endpoints, endpoints.stdin());
        iopub = bind(SocketType.PUB, endpoints, endpoints.iopub());
        heartbeat = bind(SocketType.REP, endpoints, endpoints.heartbeat());
        wakeReceiver = context.createSocket(SocketType.PULL);
        wakeReceiver.bind(WAKE_ADDRESS);
        wakeSender = context.createSocket(SocketType.PUSH);
        wakeSender.connect(WAKE_ADDRESS);
    }

    /**
     * Opens, binds (to ephemeral loopback ports), connects and closes one socket of each kind, and passes one
     * message through: run by the installer's warm-up so that the class-data-sharing archive holds the transport's
     * classes too.
     */
    public static void exercise(MessageCodec codec, WireMessage sample) throws MalformedMessageException {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            int port = router.bindToRandomPort("tcp://127.0.0.1");
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.connect("tcp://127.0.0.1:" + port);
            List<byte[]> frames = codec.encode(sample);
            for (int i = 0; i < frames.size(); i++) {
                dealer.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
            ZMQ.Poller poller = context.createPoller(1);
            poller.register(router, ZMQ.Poller.POLLIN);
            poller.poll(2000);
            List<byte[]> received = new ArrayList<>();
            byte[] frame = router.recv(ZMQ.DONTWAIT);
            while (frame != null) {
                received.add(frame);
                frame = router.hasReceiveMore() ? router.recv() : null;
            }
            if (!received.isEmpty()) {
                codec.decode(received);
            }
            context.createSocket(SocketType.PUB).bindToRandomPort("tcp://127.0.0.1");
            context.createSocket(SocketType.REP).bindToRandomPort("tcp://127.0.0.1");
            poller.close();
        }
    }

    private ZMQ.Socket bind(SocketType type, Endpoints endpoints, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(1000);
        if (type == SocketType.ROUTER) {
            // A peer that sends more is disconnected before the message is buffered: a forged 200 MB frame must not
            // cost the kernel 200 MB.
            socket.setMaxMsgSize(maxMessageBytes);
        }
        if (type == SocketType.PUB) {
            // Output is already coalesced and capped per cell; a deep queue rides out a slow client's hiccup.
            socket.setSndHWM(100_000);
        }
        socket.bind(endpoints.address(port));
        return socket;
    }

    /** Starts the I/O and heartbeat threads; {@code handler} receives every valid message. */
    public void start(InboundHandler handler) {
        this.handler = handler;
        running = true;
        Thread io = new Thread(this::ioLoop, "kernel-io");
        io.setDaemon(true);
        io.start();
        Thread hb = new Thread(this::heartbeatLoop, "kernel-heartbeat");
        hb.setDaemon(true);
        hb.start();
    }

    /** Queues {@code message} for {@code channel}; safe from any thread, never blocks on the network. */
    @Override
    public void send(Channel channel, WireMessage message) {
        if (!running) {
            return;
        }
        outbox.add(new Outgoing(channel, message));
        synchronized (wakeLock) {
            try {
                wakeSender.send(new byte[0], ZMQ.DONTWAIT);
            } catch (ZMQException e) {
                LOG.log(Level.FINE, "wake-up failed (closing?)", e);
            }
        }
    }

    private void ioLoop() {
        ZMQ.Poller poller = context.createPoller(4);
        int shellIndex = poller.register(shell, ZMQ.Poller.POLLIN);
        int controlIndex = poller.register(control, ZMQ.Poller.POLLIN);
        int stdinIndex = poller.register(stdin, ZMQ.Poller.POLLIN);
        int wakeIndex = poller.register(wakeReceiver, ZMQ.Poller.POLLIN);
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                try {
                    poller.poll(-1);
                    // Shell before control: a request and an interrupt read in the same round were both sent
                    // before this round, and the interrupt must find the request queued, so that it stops that
                    // cell. Reading shell is quick (requests are only queued here), so control never waits long.
                    if (poller.pollin(shellIndex)) {
                        receive(Channel.SHELL, shell);
                    }
                    if (poller.pollin(controlIndex)) {
                        receive(Channel.CONTROL, control);
                    }
                    if (poller.pollin(stdinIndex)) {
                        receive(Channel.STDIN, stdin);
                    }
                    if (poller.pollin(wakeIndex)) {
                        while (wakeReceiver.recv(ZMQ.DONTWAIT) != null) {
                            // drain: one pass over the outbox serves every wake-up
                        }
                    }
                    flushOutbox();
                } catch (ZMQException e) {
                    if (!running) {
                        return;
                    }
                    survive("ZeroMQ", e);
                } catch (Throwable t) {
                    // Out of memory while a cell holds the heap, a bug: the sockets must keep being served, or
                    // shell and control never answer again while the heartbeat still says the kernel is alive.
                    survive("an error", t);
                }
            }
        } finally {
            flushOutbox();
            poller.close();
            ioStopped.countDown();
        }
    }

    /** Logs what the I/O thread survived, if logging itself still works (it may not, out of memory). */
    private static void survive(String what, Throwable t) {
        try {
            LOG.log(Level.SEVERE, "the I/O thread survived " + what + " and serves on", t);
        } catch (Throwable ignored) {
            // nothing left to report with
        }
    }

    private void receive(Channel channel, ZMQ.Socket socket) {
        // Read whatever is pending without blocking; each multipart message is read completely before decoding.
        for (int budget = 64; budget > 0; budget--) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv());
            }
            try {
                WireMessage message = codec.decode(frames);
                handler.onMessage(channel, message);
            } catch (MalformedMessageException e) {
                LOG.warning(() -> "dropped a message on " + channel.wireName() + ": " + e.getMessage());
            }
        }
    }

    private void flushOutbox() {
        Outgoing out;
        while ((out = outbox.poll()) != null) {
            ZMQ.Socket socket = switch (out.channel()) {
                case SHELL -> shell;
                case CONTROL -> control;
                case STDIN -> stdin;
                case IOPUB -> iopub;
            };
            boolean midMessage = false;
            try {
                List<byte[]> frames = codec.encode(out.message());
                for (int i = 0; i < frames.size(); i++) {
                    boolean more = i < frames.size() - 1;
                    socket.send(frames.get(i), more ? ZMQ.SNDMORE : 0);
                    midMessage = more;
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                // This message is lost (it could not be encoded, or no memory was left for it); the next ones go
                // out. A message cut after some of its frames must still be ended, or every later message on this
                // socket would be appended to it and never delivered; clients drop the truncated one.
                if (midMessage) {
                    endMessage(socket);
                }
                survive(
                        "sending a " + out.message().msgType() + " on "
                                + out.channel().wireName(),
                        e);
            }
        }
    }

    /** Ends a multipart message whose remaining frames could not be sent, retrying while memory is short. */
    private static void endMessage(ZMQ.Socket socket) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                socket.send(new byte[0], 0);
                return;
            } catch (OutOfMemoryError e) {
                Thread.onSpinWait();
            }
        }
    }

    private void heartbeatLoop() {
        while (running) {
            try {
                byte[] ping = heartbeat.recv(0);
                if (ping != null) {
                    heartbeat.send(ping, 0);
                }
            } catch (ZMQException e) {
                if (!running) {
                    return;
                }
                survive("ZeroMQ on the heartbeat", e);
            } catch (Throwable t) {
                survive("an error on the heartbeat", t);
            }
        }
    }

    /**
     * Stops reading, sends what is queued, and waits (up to two seconds) for the I/O thread to finish. The sockets
     * are left to the process exit that follows: closing them under threads blocked in ZeroMQ calls is unsafe.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (wakeLock) {
            try {
                wakeSender.send(new byte[0], ZMQ.DONTWAIT);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "wake-up on close failed", e);
            }
        }
        try {
            ioStopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
