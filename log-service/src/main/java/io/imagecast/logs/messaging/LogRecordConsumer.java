package io.imagecast.logs.messaging;

import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.log.LogRecord;
import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.NewLogLine;
import io.imagecast.logs.service.IngestService;
import io.imagecast.logs.service.TailHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the logs topic in batches. Offsets are committed only after the batch is stored, and a
 * database outage is retried rather than skipped, for as long as it lasts (the channel's commit
 * strategy puts no limit on how long a batch may wait), so no record is lost; redeliveries are
 * de-duplicated by CloudEvents id. Unreadable records are counted and skipped. A batch is stored
 * in {@code imagecast.logs.ingest.parallel-parts} concurrent transactions.
 */
@ApplicationScoped
public class LogRecordConsumer {
    private static final Logger LOG = Logger.getLogger(LogRecordConsumer.class);
    private static final long FIRST_BACKOFF_MILLIS = 500;

    private final IngestService ingest;
    private final IngestWorkers workers;
    private final TailHub tail;
    private final Counter unreadable;
    private final long maxBackoffMillis;

    @Inject
    public LogRecordConsumer(
            IngestService ingest, IngestWorkers workers, TailHub tail, MeterRegistry registry, LogsConfig config) {
        this(ingest, workers, tail, registry, config.ingest().retryBackoffMax());
    }

    LogRecordConsumer(
            IngestService ingest, IngestWorkers workers, TailHub tail, MeterRegistry registry, Duration maxBackoff) {
        this.maxBackoffMillis = Math.max(FIRST_BACKOFF_MILLIS, maxBackoff.toMillis());
        this.ingest = ingest;
        this.workers = workers;
        this.tail = tail;
        this.unreadable = Counter.builder("imagecast.logs.unreadable")
                .description("Records on the logs topic that could not be decoded and were skipped")
                .register(registry);
    }

    @Incoming("logs")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        // The batch is acknowledged when this method returns, so every part is stored by then. Each
        // part but the last goes to a worker as soon as it is decoded; the last is stored here.
        int parts = workers.parts();
        int partSize = Math.max(1, (all.size() + parts - 1) / parts);
        List<Future<List<LogLine>>> stored = new ArrayList<>(parts);
        try {
            for (int from = 0; from < all.size(); from += partSize) {
                List<NewLogLine> lines = decodeAll(all.subList(from, Math.min(all.size(), from + partSize)));
                if (from + partSize < all.size()) {
                    stored.add(workers.submit(() -> storeWithRetry(lines)));
                } else {
                    stored.add(CompletableFuture.completedFuture(storeWithRetry(lines)));
                }
            }
            for (Future<List<LogLine>> part : stored) {
                tail.publish(part.get());
            }
        } catch (ExecutionException e) {
            // storeWithRetry only ends by storing or by being interrupted.
            throw new IllegalStateException("storing a part of a log batch failed", e.getCause());
        } finally {
            stored.forEach(part -> part.cancel(true));
        }
    }

    private List<NewLogLine> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
        List<NewLogLine> lines = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record).ifPresent(lines::add);
        }
        return lines;
    }

    Optional<NewLogLine> decode(ConsumerRecord<String, byte[]> record) {
        // ConsumedEvent logs what it cannot read; a readable event of another type is logged here.
        Optional<ConsumedEvent> event = ConsumedEvent.from(record);
        if (event.isPresent() && event.get().message() instanceof LogRecord log) {
            return Optional.of(
                    NewLogLine.from(event.get().metadata().id(), log, Instant.ofEpochMilli(record.timestamp())));
        }
        unreadable.increment();
        event.ifPresent(other -> LOG.warnf(
                "skipping %s-%d@%d: a %s, not a %s",
                record.topic(),
                record.partition(),
                record.offset(),
                other.metadata().type(),
                LogRecord.TYPE));
        return Optional.empty();
    }

    private List<LogLine> storeWithRetry(List<NewLogLine> lines) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            try {
                return ingest.store(lines);
            } catch (Exception e) {
                LOG.warnf("storing %d log lines failed, retrying in %d ms: %s", lines.size(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoffMillis);
            }
        }
    }
}
