package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.TransportChoice;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancel that arrives before the socket is bound (sender-service cancels right after start()). */
class EarlyCancelTest {
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
    void aCancelBeforeTheSocketIsBoundEndsTheTransferAndNothingStartsAfterIt() throws Exception {
        Path file = Files.write(dir.resolve("image.bin"), new byte[100_000]);
        List<SenderEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<TransferResult> result = new CompletableFuture<>();
        SenderEngine engine = new SenderEngine(
                vertx,
                SenderConfig.builder().interfaceName("lo").portBase(9400).build(),
                List.of(file),
                List.of(100_000L),
                InterfaceInfo.resolve("lo"),
                events::add,
                result);
        DatagramSocket socket = vertx.createDatagramSocket()
                .listen(9401, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        vertx.runOnContext(v -> {
            engine.cancel("cancelled at once");
            engine.begin(socket); // the bind completes after the cancel
        });

        TransferResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(TransferResult.Outcome.CANCELLED);
        Thread.sleep(300); // time for a wrongly started engine to announce itself
        assertThat(events).noneMatch(e -> e instanceof SenderEvent.Waiting);
        assertThat(events.stream().filter(e -> e instanceof SenderEvent.Cancelled))
                .hasSize(1);
    }

    @Test
    void aSecondCancelAndADropAfterTheEndChangeNothing() throws Exception {
        Path file = Files.write(dir.resolve("image.bin"), new byte[100_000]);
        List<SenderEvent> events = new CopyOnWriteArrayList<>();
        UdpcastSender sender = UdpcastSender.create(
                vertx, SenderConfig.builder().interfaceName("lo").portBase(9410).build(), List.of(file), events::add);

        var result = sender.start();
        sender.cancel("first");
        sender.cancel("second");
        sender.dropReceiver("10.0.0.1", "late");

        TransferResult r = result.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r.reason()).isEqualTo("first");
        Thread.sleep(200);
        assertThat(events.stream().filter(e -> e instanceof SenderEvent.Cancelled))
                .hasSize(1);
    }
}
