package io.imagecast.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.log.LogRecord;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LogShipperResilienceTest {

    private static LogRecord line(int i) {
        return new LogRecord(Instant.now(), "info", "svc", "n1", "s1", "l", "line " + i, null, null);
    }

    @Test
    void kafkaDownNeverBlocksTheApplicationAndCountsDrops() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ShipperSettings settings = new ShipperSettings(
                "svc",
                "n1",
                "127.0.0.1:" + closedPort,
                "imagecast.logs.v1",
                1_000,
                100,
                Level.INFO,
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        int total = 50_000;
        AtomicInteger published = new AtomicInteger();
        try (LogShipper shipper = new LogShipper(settings)) {
            KafkaLogHandler handler = new KafkaLogHandler(shipper);
            Thread app = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    java.util.logging.LogRecord record = new java.util.logging.LogRecord(Level.INFO, "line " + i);
                    record.setLoggerName("io.imagecast.app");
                    handler.publish(record);
                    published.incrementAndGet();
                }
            });
            app.start();
            // The application thread finishes its 50,000 log calls although no broker exists.
            await().atMost(Duration.ofSeconds(20)).until(() -> !app.isAlive());

            assertThat(published.get()).isEqualTo(total);
            assertThat(shipper.stats().shipped()).isZero();
            assertThat(shipper.stats().droppedBufferFull()).isPositive();
            assertThat(shipper.stats().accepted() + shipper.stats().droppedBufferFull())
                    .isEqualTo(total);
            // The sender thread keeps draining (failing fast after each probe) instead of hanging.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(shipper.stats().droppedSendFailed()).isGreaterThan(settings.bufferCapacity()));
        }
    }

    @Test
    void hungProducerFillsTheBufferThenDropsWithoutBlocking() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sends = new AtomicInteger();
        MockProducer<String, byte[]> hung =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(
                            ProducerRecord<String, byte[]> record, Callback callback) {
                        sends.incrementAndGet();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.send(record, callback);
                    }
                };
        ShipperSettings settings =
                new ShipperSettings("svc", "n1", "unused:1", "imagecast.logs.v1", 100, 10, Level.INFO, Map.of());
        LogShipper shipper = new LogShipper(settings, s -> hung);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                shipper.offer(line(0));
                return sends.get() == 1;
            });
            int offered = 0;
            int refused = 0;
            for (int i = 0; i < 1_000; i++) {
                offered++;
                if (!shipper.offer(line(i))) {
                    refused++;
                }
            }
            assertThat(offered).isEqualTo(1_000);
            // At most the buffer's capacity was taken; everything beyond it was refused and counted.
            assertThat(refused).isGreaterThanOrEqualTo(1_000 - settings.bufferCapacity());
            assertThat(shipper.stats().droppedBufferFull()).isEqualTo(refused);
            assertThat(shipper.buffered()).isEqualTo(settings.bufferCapacity());
        } finally {
            release.countDown();
            shipper.close(Duration.ofSeconds(5));
        }
        assertThat(hung.history()).isNotEmpty();
    }

    @Test
    void shipsWithCloudEventHeadersAndKeyBySession() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        LogShipper shipper = new LogShipper(ShipperSettings.defaults("svc", "n1", "unused:1"), s -> producer);
        for (int i = 0; i < 25; i++) {
            shipper.offer(line(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> shipper.stats().shipped() == 25);
        shipper.close();

        ProducerRecord<String, byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("imagecast.logs.v1");
        assertThat(first.key()).isEqualTo("s1");
        var metadata =
                io.imagecast.events.CloudEventHeaders.read(first.headers()).orElseThrow();
        assertThat(metadata.type()).isEqualTo(LogRecord.TYPE);
        assertThat(metadata.source()).isEqualTo("/imagecast/svc/n1");
        assertThat(producer.history())
                .extracting(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .anySatisfy(json -> assertThat(json).contains("\"message\":\"line 24\""));
        assertThat(shipper.stats().dropped()).isZero();
    }
}
