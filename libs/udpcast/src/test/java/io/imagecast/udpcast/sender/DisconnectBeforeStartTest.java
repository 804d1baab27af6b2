package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.udpcast.net.TransportChoice;
import io.imagecast.udpcast.wire.Capabilities;
import io.imagecast.udpcast.wire.ConnectRequest;
import io.imagecast.udpcast.wire.Disconnect;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver that connects and says DISCONNECT before any data: it is reported, with the reason. */
class DisconnectBeforeStartTest {
    private static final int PORT = 9430;
    private Vertx vertx;

    @TempDir
    Path dir;

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx(TransportChoice.apply(new VertxOptions()));
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReceiverThatLeftBeforeTheStartIsReportedWithItsReason() throws Exception {
        Path file = Files.write(dir.resolve("image.bin"), new byte[10_000]);
        List<SenderEvent> events = new CopyOnWriteArrayList<>();
        UdpcastSender sender = UdpcastSender.create(
                vertx,
                SenderConfig.builder()
                        .interfaceName("lo")
                        .portBase(PORT)
                        .minReceivers(2)
                        .startTimeout(Duration.ofSeconds(3))
                        .build(),
                List.of(file),
                events::add);
        var result = sender.start();
        DatagramSocket receiver = vertx.createDatagramSocket()
                .listen(PORT, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        awaitEvent(
                events,
                SenderEvent.Waiting.class); // the sender is bound (a fixed sleep is too short on a busy machine)
        send(receiver, new ConnectRequest(Capabilities.STANDARD, 212_992).encode());
        awaitEvent(events, SenderEvent.ReceiverJoined.class);
        send(receiver, new Disconnect().encode());

        TransferResult r = result.toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.FAILED);
        assertThat(r.receivers()).singleElement().satisfies(o -> {
            assertThat(o.completed()).isFalse();
            assertThat(o.reason()).contains("disconnected before the transfer started");
        });
        assertThat(events)
                .anyMatch(e -> e instanceof SenderEvent.ReceiverDropped d
                        && d.reason().contains("disconnected before the transfer started"));
    }

    private static void awaitEvent(List<SenderEvent> events, Class<? extends SenderEvent> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.stream().noneMatch(type::isInstance) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).as("a " + type.getSimpleName() + " event").anyMatch(type::isInstance);
    }

    private static void send(DatagramSocket socket, io.vertx.core.buffer.Buffer datagram) throws Exception {
        socket.send(datagram, PORT + 1, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }
}
