package io.imagecast.logs.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.Topics;
import io.imagecast.logs.LogFixtures;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.NewLogLine;
import io.imagecast.logs.service.IngestService;
import io.imagecast.logs.service.TailHub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a consumed batch is split into parts stored concurrently, without Kafka or PostgreSQL. */
class LogRecordConsumerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingTail tail = new RecordingTail();
    private IngestWorkers workers;

    @AfterEach
    void stopWorkers() {
        workers.shutDown();
    }

    @Test
    void everyLineIsStoredOnceInPartsAndTailedInTopicOrder() throws Exception {
        workers = new IngestWorkers(2);
        RecordingIngest ingest = new RecordingIngest(registry, 0);
        new LogRecordConsumer(ingest, workers, tail, registry, Duration.ofSeconds(5)).consume(batch(7));

        assertThat(ingest.parts).hasSize(2);
        assertThat(ingest.parts.stream().map(Part::size)).containsExactlyInAnyOrder(4, 3);
        assertThat(ingest.parts.stream().map(Part::thread)).anyMatch(name -> name.startsWith("log-ingest-"));
        assertThat(tail.messages).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
    }

    @Test
    void theFirstPartIsInTheDatabaseWhileTheLastIsStillBeingStored() throws Exception {
        workers = new IngestWorkers(2);
        CountDownLatch bothInside = new CountDownLatch(2);
        RecordingIngest ingest = new RecordingIngest(registry, 0) {
            @Override
            public List<LogLine> store(List<NewLogLine> lines) throws SQLException {
                bothInside.countDown();
                try {
                    // Each part waits for the other: this only returns if the two overlap.
                    assertThat(bothInside.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
                return super.store(lines);
            }
        };
        new LogRecordConsumer(ingest, workers, tail, registry, Duration.ofSeconds(5)).consume(batch(10));

        assertThat(ingest.parts).hasSize(2);
        assertThat(tail.messages).hasSize(10);
    }

    @Test
    void aPartWhoseTransactionFailsIsRetriedAndTheBatchCompletes() throws Exception {
        workers = new IngestWorkers(2);
        RecordingIngest ingest = new RecordingIngest(registry, 1);
        new LogRecordConsumer(ingest, workers, tail, registry, Duration.ofSeconds(5)).consume(batch(6));

        assertThat(ingest.failures.get()).isEqualTo(1);
        assertThat(ingest.parts.stream().mapToInt(Part::size).sum()).isEqualTo(6);
        assertThat(tail.messages).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void oneRecordAndOnePartStayOnTheConsumerThread() throws Exception {
        workers = new IngestWorkers(1);
        RecordingIngest ingest = new RecordingIngest(registry, 0);
        new LogRecordConsumer(ingest, workers, tail, registry, Duration.ofSeconds(5)).consume(batch(1));

        assertThat(ingest.parts).singleElement().satisfies(part -> {
            assertThat(part.size()).isEqualTo(1);
            assertThat(part.thread()).isEqualTo(Thread.currentThread().getName());
        });
    }

    @Test
    void aShutDownWorkerPoolStoresOnTheCaller() throws Exception {
        workers = new IngestWorkers(2);
        workers.shutDown();
        RecordingIngest ingest = new RecordingIngest(registry, 0);
        new LogRecordConsumer(ingest, workers, tail, registry, Duration.ofSeconds(5)).consume(batch(4));

        assertThat(ingest.parts)
                .hasSize(2)
                .allSatisfy(part -> assertThat(part.thread())
                        .isEqualTo(Thread.currentThread().getName()));
        assertThat(tail.messages).hasSize(4);
    }

    private static ConsumerRecords<String, byte[]> batch(int size) {
        TopicPartition partition = new TopicPartition(Topics.LOGS, 0);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < size; i++) {
            ProducerRecord<String, byte[]> sent =
                    LogFixtures.record(LogFixtures.line(now.plusMillis(i), "info", "svc", "n1", "s1", "m" + i));
            records.add(new ConsumerRecord<>(
                    Topics.LOGS,
                    0,
                    i,
                    now.toEpochMilli(),
                    TimestampType.CREATE_TIME,
                    -1,
                    sent.value().length,
                    sent.key(),
                    sent.value(),
                    sent.headers(),
                    Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    private record Part(int size, String thread) {}

    /** Stores nothing: records which lines came in which transaction, failing the first few. */
    private static class RecordingIngest extends IngestService {
        final List<Part> parts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger ids = new AtomicInteger();
        private final int failFirst;

        RecordingIngest(SimpleMeterRegistry registry, int failFirst) {
            super(null, registry);
            this.failFirst = failFirst;
        }

        @Override
        public List<LogLine> store(List<NewLogLine> lines) throws SQLException {
            if (failures.get() < failFirst) {
                failures.incrementAndGet();
                throw new SQLException("connection reset");
            }
            parts.add(new Part(lines.size(), Thread.currentThread().getName()));
            return lines.stream()
                    .map(line -> line.withId(ids.incrementAndGet()))
                    .toList();
        }
    }

    private static class RecordingTail extends TailHub {
        final List<String> messages = new ArrayList<>();

        RecordingTail() {
            super(1, 1);
        }

        @Override
        public void publish(List<LogLine> lines) {
            lines.forEach(line -> messages.add(line.message()));
        }
    }
}
