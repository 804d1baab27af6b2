package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JdkChannelOutTest {
    @Test
    void sendsHeaderAndBlockThroughTheJdkChannelUnderAVertxSocket() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            DatagramSocket receiver = vertx.createDatagramSocket()
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            CompletableFuture<Buffer> received = new CompletableFuture<>();
            receiver.handler(packet -> received.complete(packet.data()));
            DatagramSocket sender = vertx.createDatagramSocket()
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);

            JdkChannelOut path =
                    new JdkChannelOut(sender, receiver.localAddress().port());
            byte[] header = {1, 2, 3};
            byte[] block = {10, 11, 12, 13, 14, 15, 16};
            boolean sent = path.send(header, block, 2, 4, "127.0.0.1");

            assertThat(path.direct()).isTrue();
            assertThat(sent).isTrue();
            assertThat(received.get(5, TimeUnit.SECONDS).getBytes()).containsExactly(1, 2, 3, 12, 13, 14, 15);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
