package io.imagecast.udpcast.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.udpcast.net.InterfaceInfo;
import io.imagecast.udpcast.net.TransportChoice;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocket;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A receiver cancelled while its socket is being bound ends at once and never starts. */
class ReceiverEarlyCancelTest {
    private Vertx vertx;

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx(TransportChoice.apply(new VertxOptions()));
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aCancelBeforeTheSocketIsBoundEndsTheReceiverAndNothingStartsAfterIt() throws Exception {
        List<ReceiverEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<ReceiveResult> result = new CompletableFuture<>();
        ReceiverEngine engine = new ReceiverEngine(
                vertx,
                ReceiverConfig.builder().interfaceName("lo").portBase(9440).build(),
                InterfaceInfo.resolve("lo"),
                Channels.newChannel(new ByteArrayOutputStream()),
                events::add,
                result);
        DatagramSocket socket = vertx.createDatagramSocket()
                .listen(9440, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        vertx.runOnContext(v -> {
            engine.cancel("cancelled at once");
            engine.begin(socket); // the bind completes after the cancel
        });

        ReceiveResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.success()).isFalse();
        assertThat(r.reason()).contains("cancelled at once");
        Thread.sleep(300);
        assertThat(events)
                .noneMatch(
                        e -> e instanceof ReceiverEvent.Notice n && n.message().startsWith("UDP receiver at"));
    }
}
