package io.imagecast.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.EventJson;
import io.imagecast.events.MalformedMessageException;
import io.imagecast.events.log.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lines lost while Kafka is down leave a marker in their session's stream once it is back. */
class DroppedLinesMarkerTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final OutageProducer producer = new OutageProducer();
    private final LogShipper shipper = new LogShipper(
            new ShipperSettings("svc", "n1", "unused:1", "imagecast.logs.v1", 1_000, 100, Level.INFO, Map.of()),
            settings -> producer);

    @AfterEach
    void close() {
        shipper.close();
    }

    private static LogRecord line(String session, int second) {
        return new LogRecord(T0.plusSeconds(second), "info", "svc", "n1", session, "l", "line " + second, null, null);
    }

    @Test
    void linesLostWhileKafkaIsDownAreMarkedInTheirSessionOnceItIsBack() {
        shipper.offer(line("s1", 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> shipper.stats().shipped() == 1);

        producer.down = true;
        for (int second = 1; second <= 36; second++) {
            shipper.offer(line("s1", second));
        }
        shipper.offer(line("s2", 20));
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.stats().droppedSendFailed() == 37);

        producer.down = false;
        shipper.offer(line("s1", 40));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(markers())
                        .containsExactlyInAnyOrder(
                                "s1|36 lines dropped between 2026-12-03T10:00:01Z and 2026-12-03T10:00:36Z",
                                "s2|1 lines dropped between 2026-12-03T10:00:20Z and 2026-12-03T10:00:20Z"));
        LogRecord marker = shipped().stream()
                .filter(r -> "s1".equals(r.sessionId())
                        && r.fields() != null
                        && r.fields().containsKey("droppedLines"))
                .findFirst()
                .orElseThrow();
        // Stamped at the last lost line, so a session log sorted by time shows it where the gap is.
        assertThat(marker.timestamp()).isEqualTo(T0.plusSeconds(36));
        assertThat(marker.level()).isEqualTo("warn");
        assertThat(marker.fields()).containsEntry("droppedLines", "36");
        assertThat(shipped()).extracting(LogRecord::message).contains("line 0", "line 40");
    }

    @Test
    void aMarkerThatCannotBeSentIsKeptUntilKafkaTakesIt() {
        producer.down = true;
        shipper.offer(line("s1", 1));
        shipper.offer(line("s1", 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.stats().droppedSendFailed() >= 2);
        // Still down: markers attempted now fail and must come back with the same count.
        await().pollDelay(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> true);

        producer.down = false;
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(markers())
                        .containsExactly("s1|2 lines dropped between 2026-12-03T10:00:01Z and 2026-12-03T10:00:02Z"));
    }

    private List<LogRecord> shipped() {
        return producer.history().stream().map(r -> decode(r.value())).toList();
    }

    private static LogRecord decode(byte[] value) {
        try {
            return EventJson.fromBytes(value, LogRecord.class);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> markers() {
        return shipped().stream()
                .filter(r -> r.fields() != null && r.fields().containsKey("droppedLines"))
                .map(r -> r.sessionId() + "|" + r.message())
                .toList();
    }

    /** Fails every send with Kafka's timeout while {@link #down}, as a broker that is gone does. */
    private static final class OutageProducer extends MockProducer<String, byte[]> {
        volatile boolean down;
        final AtomicInteger refused = new AtomicInteger();

        OutageProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (down) {
                refused.incrementAndGet();
                TimeoutException error = new TimeoutException("Topic not present in metadata after 2000 ms.");
                callback.onCompletion(null, error);
                return CompletableFuture.failedFuture(error);
            }
            return super.send(record, callback);
        }
    }
}
