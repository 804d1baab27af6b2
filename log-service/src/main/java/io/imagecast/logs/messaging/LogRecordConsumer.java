package io.imagecast.logs.messaging;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.MalformedMessageException;
import io.imagecast.events.log.LogRecord;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.NewLogLine;
import io.imagecast.logs.service.IngestService;
import io.imagecast.logs.service.TailHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the logs topic in batches. Offsets are committed only after the batch is stored, and a
 * database outage is retried rather than skipped, so no record is lost; redeliveries are
 * de-duplicated by CloudEvents id. Unreadable records are counted and skipped.
 */
@ApplicationScoped
public class LogRecordConsumer {
    private static final Logger LOG = Logger.getLogger(LogRecordConsumer.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final IngestService ingest;
    private final TailHub tail;
    private final Counter unreadable;

    public LogRecordConsumer(IngestService ingest, TailHub tail, MeterRegistry registry) {
        this.ingest = ingest;
        this.tail = tail;
        this.unreadable = Counter.builder("imagecast.logs.unreadable")
                .description("Records on the logs topic that could not be decoded and were skipped")
                .register(registry);
    }

    @Incoming("logs")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<NewLogLine> lines = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record).ifPresent(lines::add);
        }
        List<LogLine> stored = storeWithRetry(lines);
        tail.publish(stored);
    }

    Optional<NewLogLine> decode(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
        if (metadata.isEmpty() || !LogRecord.TYPE.equals(metadata.get().type()) || record.value() == null) {
            unreadable.increment();
            LOG.warnf("skipping %s: no %s CloudEvents headers", position, LogRecord.TYPE);
            return Optional.empty();
        }
        try {
            LogRecord log = EventJson.fromBytes(record.value(), LogRecord.class);
            return Optional.of(NewLogLine.from(metadata.get().id(), log, Instant.ofEpochMilli(record.timestamp())));
        } catch (MalformedMessageException e) {
            unreadable.increment();
            LOG.warnf("skipping %s: %s", position, e.getMessage());
            return Optional.empty();
        }
    }

    private List<LogLine> storeWithRetry(List<NewLogLine> lines) throws InterruptedException {
        long backoff = 500;
        while (true) {
            try {
                return ingest.store(lines);
            } catch (Exception e) {
                LOG.warnf("storing %d log lines failed, retrying in %d ms: %s", lines.size(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }
}
