package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.Ipv4;
import io.imagecast.udpcast.net.SocketTuning;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A udpcast sender for one transfer: one or more files sent one after the other on the same port base,
 * each as a complete udpcast transfer, so that a stock client running one {@code udp-receiver} per file
 * receives them all.
 *
 * <pre>{@code
 * UdpcastSender sender = UdpcastSender.create(vertx, config, List.of(part1, part2), event -> log(event));
 * sender.start().whenComplete((result, error) -> ...);   // result.outcome(), result.receivers()
 * sender.dropReceiver("10.0.0.12", "operator request");
 * sender.cancel("session cancelled");
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; the work happens on one Vert.x event-loop
 * context, where the listener is also called (it must not block).
 */
public final class UdpcastSender {
    private final Vertx vertx;
    private final SenderConfig config;
    private final List<Path> files;
    private final Consumer<SenderEvent> listener;
    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    private final Context context;
    private volatile SenderEngine engine;
    private volatile boolean started;

    private UdpcastSender(Vertx vertx, SenderConfig config, List<Path> files, Consumer<SenderEvent> listener) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        this.files = List.copyOf(files);
        this.listener = Objects.requireNonNull(listener, "listener");
        if (this.files.isEmpty()) {
            throw new IllegalArgumentException("at least one file is required");
        }
        this.context = vertx.getOrCreateContext();
    }

    public static UdpcastSender create(
            Vertx vertx, SenderConfig config, List<Path> files, Consumer<SenderEvent> listener) {
        return new UdpcastSender(vertx, config, files, listener);
    }

    /**
     * Checks the files and the interface, binds port P+1 and starts announcing. The returned stage
     * completes with the result when the transfer ends (whatever the outcome), or exceptionally with an
     * {@link IllegalArgumentException} / {@link IllegalStateException} when the transfer cannot start at
     * all (missing file, unknown interface, port in use); the message says which.
     */
    public synchronized CompletionStage<TransferResult> start() {
        if (started) {
            return result;
        }
        started = true;
        List<Long> sizes;
        InterfaceInfo nif;
        try {
            sizes = sizes(files);
            nif = InterfaceInfo.resolve(config.interfaceName());
            if (config.dataAddress() != null && !Ipv4.isMulticast(Ipv4.parse(config.dataAddress()))) {
                throw new IllegalArgumentException("data address " + config.dataAddress() + " is not multicast");
            }
            if (config.rendezvousAddress() != null) {
                Ipv4.parse(config.rendezvousAddress()); // unicast is allowed: FOS points it at the sender
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            result.completeExceptionally(e);
            return result;
        }
        SenderEngine e = new SenderEngine(System::nanoTime, config, files, sizes, nif, listener, result);
        engine = e;
        context.runOnContext(v -> bind(e, nif));
        return result;
    }

    private void bind(SenderEngine e, InterfaceInfo nif) {
        if (EpollSocket.available(context)) {
            bindEpoll(e, nif);
            return;
        }
        DatagramSocketOptions options = new DatagramSocketOptions()
                .setBroadcast(true)
                .setMulticastNetworkInterface(nif.name())
                .setMulticastTimeToLive(config.ttl())
                .setSendBufferSize(4 * 1024 * 1024);
        DatagramSocket socket = vertx.createDatagramSocket(options);
        // bound to the wildcard address: gets unicast and broadcast CONNECT_REQs on one socket
        socket.listen(config.portBase() + 1, "0.0.0.0").onComplete(ar -> {
            if (ar.failed()) {
                result.completeExceptionally(new IllegalStateException(
                        "cannot bind UDP port " + (config.portBase() + 1) + ": "
                                + ar.cause().getMessage(),
                        ar.cause()));
                return;
            }
            SocketTuning.kernelReceiveBuffer(socket, 2 * 1024 * 1024);
            SocketTuning.multicastLoop(socket, true); // receivers on this host get the data, as with udp-sender
            if (config.rendezvousAddress() != null && Ipv4.isMulticast(Ipv4.parse(config.rendezvousAddress()))) {
                socket.listenMulticastGroup(config.rendezvousAddress(), nif.name(), null)
                        .onComplete(j -> {
                            if (j.failed()) {
                                socket.close();
                                result.completeExceptionally(new IllegalStateException(
                                        "cannot join rendezvous group " + config.rendezvousAddress() + ": "
                                                + j.cause().getMessage()));
                            } else {
                                e.begin(new VertxSenderIo(vertx, socket, config.portBase()));
                            }
                        });
            } else {
                e.begin(new VertxSenderIo(vertx, socket, config.portBase()));
            }
        });
    }

    /** On epoll: our own IPv4 channel on the engine's event loop (see {@link EpollSocket}). */
    private void bindEpoll(SenderEngine e, InterfaceInfo nif) {
        String rendezvous =
                config.rendezvousAddress() != null && Ipv4.isMulticast(Ipv4.parse(config.rendezvousAddress()))
                        ? config.rendezvousAddress()
                        : null;
        EpollSocket.open(context, nif, config.portBase() + 1, config.ttl(), rendezvous)
                .whenComplete((channel, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        result.completeExceptionally(new IllegalStateException(
                                "cannot open UDP port " + (config.portBase() + 1) + " on " + nif.name() + ": "
                                        + failure.getMessage(),
                                failure));
                    } else {
                        e.begin(new EpollSenderIo(vertx, channel, config.portBase()));
                    }
                }));
    }

    private static List<Long> sizes(List<Path> files) {
        List<Long> sizes = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("not a readable regular file: " + f);
            }
            if (!Files.isReadable(f)) {
                throw new IllegalArgumentException("file is not readable: " + f);
            }
            try {
                sizes.add(Files.size(f));
            } catch (IOException ex) {
                throw new IllegalArgumentException("cannot read size of " + f + ": " + ex.getMessage());
            }
        }
        return sizes;
    }

    /** Ends the transfer; receivers are told they were dropped; the result's outcome is CANCELLED. */
    public void cancel(String reason) {
        SenderEngine e = engine;
        if (e != null) {
            context.runOnContext(v -> e.cancel(reason));
        }
    }

    /** Removes one receiver (by IPv4 address) from the transfer; the others go on. */
    public void dropReceiver(String address, String reason) {
        SenderEngine e = engine;
        if (e != null) {
            context.runOnContext(v -> e.dropReceiver(address, reason));
        }
    }

    /** Starts as soon as at least one receiver is connected (udp-sender's keypress). */
    public void startNow() {
        SenderEngine e = engine;
        if (e != null) {
            context.runOnContext(v -> e.startNow());
        }
    }

    /** Completes when the transfer ends. */
    public CompletionStage<TransferResult> result() {
        return result;
    }
}
