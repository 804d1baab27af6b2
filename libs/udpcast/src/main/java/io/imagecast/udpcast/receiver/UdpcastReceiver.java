package io.imagecast.udpcast.receiver;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.net.SocketTuning;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A udpcast receiver for one file, compatible with stock udp-sender and with {@code UdpcastSender}.
 * Thread-safe; the work happens on one Vert.x context.
 */
public final class UdpcastReceiver {
    private static final int BIND_ATTEMPTS = 30;
    private static final long BIND_RETRY_MS = 100;

    private final Vertx vertx;
    private final ReceiverConfig config;
    private final Consumer<ReceiverEvent> listener;
    private final CompletableFuture<ReceiveResult> result = new CompletableFuture<>();
    private final Context context;
    private volatile ReceiverEngine engine;

    private UdpcastReceiver(Vertx vertx, ReceiverConfig config, Consumer<ReceiverEvent> listener) {
        this.vertx = Objects.requireNonNull(vertx);
        this.config = Objects.requireNonNull(config);
        this.listener = Objects.requireNonNull(listener);
        this.context = vertx.getOrCreateContext();
    }

    public static UdpcastReceiver create(Vertx vertx, ReceiverConfig config, Consumer<ReceiverEvent> listener) {
        return new UdpcastReceiver(vertx, config, listener);
    }

    /** Receives into a file (created or truncated). */
    public CompletionStage<ReceiveResult> receiveTo(Path file) {
        try {
            return receiveTo(FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("cannot open " + file + " for writing: " + e.getMessage()));
        }
    }

    /** Receives into a stream; the stream is closed at the end. */
    public CompletionStage<ReceiveResult> receiveTo(OutputStream out) {
        return receiveTo(Channels.newChannel(out));
    }

    public synchronized CompletionStage<ReceiveResult> receiveTo(WritableByteChannel out) {
        if (engine != null) {
            throw new IllegalStateException("already started");
        }
        InterfaceInfo nif;
        try {
            nif = InterfaceInfo.resolve(config.interfaceName());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        ReceiverEngine e = new ReceiverEngine(vertx, config, nif, out, listener, result);
        engine = e;
        context.runOnContext(v -> bind(e, nif, BIND_ATTEMPTS));
        return result;
    }

    private void bind(ReceiverEngine e, InterfaceInfo nif, int attemptsLeft) {
        DatagramSocketOptions options =
                new DatagramSocketOptions().setBroadcast(true).setMulticastNetworkInterface(nif.name());
        DatagramSocket socket = vertx.createDatagramSocket(options);
        // the wildcard address gets unicast, broadcast and multicast on one socket (Linux)
        socket.listen(config.portBase(), "0.0.0.0").onComplete(ar -> {
            if (ar.failed()) {
                socket.close();
                // Receivers run back to back (one per partition): the previous one's port may still be
                // on its way out, so a busy port is retried briefly before giving up.
                if (attemptsLeft > 1 && isAddressInUse(ar.cause())) {
                    vertx.setTimer(BIND_RETRY_MS, t -> bind(e, nif, attemptsLeft - 1));
                    return;
                }
                result.completeExceptionally(new IllegalStateException("cannot bind UDP port " + config.portBase()
                        + ": " + ar.cause().getMessage()));
                return;
            }
            int granted = SocketTuning.kernelReceiveBuffer(socket, config.receiveBufferSize());
            e.coalescedReads(SocketTuning.coalescedReads(socket));
            e.receiveBufferGranted(granted);
            if (config.rendezvousAddress() != null && Ipv4.isMulticast(Ipv4.parse(config.rendezvousAddress()))) {
                socket.listenMulticastGroup(config.rendezvousAddress(), nif.name(), null)
                        .onComplete(j -> {
                            if (j.failed()) {
                                socket.close();
                                result.completeExceptionally(
                                        new IllegalStateException("cannot join " + config.rendezvousAddress() + ": "
                                                + j.cause().getMessage()));
                            } else {
                                e.begin(socket);
                            }
                        });
            } else {
                e.begin(socket);
            }
        });
    }

    private static boolean isAddressInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** Asks the sender to start now (GO), as udp-receiver does on a keypress; sent once connected. */
    public void requestStart() {
        ReceiverEngine e = engine;
        if (e != null) {
            context.runOnContext(v -> e.requestStart());
        }
    }

    /** Stops, says DISCONNECT to the sender, and completes the result as failed. */
    public void cancel(String reason) {
        ReceiverEngine e = engine;
        if (e != null) {
            context.runOnContext(v -> e.cancel(reason));
        }
    }

    public CompletionStage<ReceiveResult> result() {
        return result;
    }
}
