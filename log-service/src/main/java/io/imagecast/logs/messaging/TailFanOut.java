package io.imagecast.logs.messaging;

import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.log.LogRecord;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.NewLogLine;
import io.imagecast.logs.service.TailHub;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Live tail across replicas. With several replicas the consumer group splits the logs topic's
 * partitions between them, so the lines one replica stores are only part of what its tail clients
 * asked for. This second consumer, in a group of its own per replica (so it reads every partition,
 * from the newest record on, committing nothing), hands the tail the lines of the partitions this
 * replica does not ingest. They are not stored yet, so they carry id 0. With one replica it owns
 * every partition and this consumer passes nothing on.
 */
@ApplicationScoped
public class TailFanOut {
    private final TailHub tail;
    private final IngestedPartitions ingested;

    public TailFanOut(TailHub tail, @Identifier(IngestedPartitions.NAME) IngestedPartitions ingested) {
        this.tail = tail;
        this.ingested = ingested;
    }

    @Incoming("logs-tail")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        // Nobody tails: the records are fetched but not even decoded.
        if (tail.subscriberCount() == 0) {
            return;
        }
        List<LogLine> lines = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!ingested.owns(record.topic(), record.partition())) {
                decode(record).ifPresent(lines::add);
            }
        }
        tail.publish(lines);
    }

    /** Unreadable records are skipped silently: the ingest consumer counts and logs them. */
    static Optional<LogLine> decode(ConsumerRecord<String, byte[]> record) {
        return ConsumedEvent.from(record)
                .filter(event -> event.message() instanceof LogRecord)
                .map(event -> NewLogLine.from(
                                event.metadata().id(),
                                (LogRecord) event.message(),
                                Instant.ofEpochMilli(record.timestamp()))
                        .withId(0));
    }
}
