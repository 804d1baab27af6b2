package io.imagecast.session.messaging;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventMetadata;
import io.imagecast.session.config.SessionConfig;
import io.imagecast.session.domain.OutboxEntry;
import io.imagecast.session.domain.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in order, marking each only after the broker acknowledged it. Rows survive
 * restarts and broker outages, so delivery is at-least-once; the ce_id lets consumers de-duplicate.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final SessionConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopping;

    public OutboxRelay(
            OutboxRepository outbox,
            SessionConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.outbox = outbox;
        this.config = config;
        this.producer = new KafkaProducer<>(
                producerConfig(bootstrapServers, config), new StringSerializer(), new ByteArraySerializer());
        registry.gauge("imagecast.session.outbox.pending", this, relay -> relay.pendingSafely());
    }

    static Map<String, Object> producerConfig(String bootstrapServers, SessionConfig config) {
        int timeoutMs = (int) config.outbox().sendTimeout().toMillis();
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                "imagecast-session-outbox",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                timeoutMs,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                2000);
    }

    @Scheduled(
            every = "${imagecast.session.outbox.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        int published;
        do {
            if (stopping) {
                return;
            }
            published = QuarkusTransaction.requiringNew().call(this::publishBatch);
        } while (published == config.outbox().batchSize());
    }

    /** Publishes one batch; stops at the first failure so a key's commands never overtake each other. */
    int publishBatch() {
        List<OutboxEntry> batch = outbox.lockPending(config.outbox().batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        int published = 0;
        try {
            for (OutboxEntry entry : batch) {
                Future<RecordMetadata> future = producer.send(toRecord(entry));
                sent.add(future);
                // Without metadata each send blocks up to max.block.ms: one such failure is enough
                // per pass, and stopping keeps later commands from overtaking the failed one.
                if (failedAlready(future)) {
                    break;
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                OutboxEntry entry = batch.get(i);
                entry.publishedAt = Instant.now();
                entry.attempts++;
                entry.lastError = null;
                published++;
            }
        } catch (Exception e) {
            OutboxEntry failed = batch.get(published);
            failed.attempts++;
            failed.lastError = truncate(e.toString());
            LOG.warnf(
                    "outbox: %d of %d commands published; %s (id %d) waits for the broker: %s",
                    published, batch.size(), failed.ceType, failed.id, e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        return published;
    }

    private static boolean failedAlready(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return false;
        }
        try {
            future.get();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxEntry entry) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(entry.topic, entry.recordKey, entry.payload.getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.write(
                new EventMetadata(
                        entry.eventId.toString(), entry.ceType, config.eventSource(), entry.createdAt, entry.ceSubject),
                record.headers());
        return record;
    }

    private double pendingSafely() {
        try {
            return QuarkusTransaction.requiringNew().call(outbox::pending);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /**
     * Stops early on shutdown: closing the producer wakes a send blocked on an unreachable broker
     * (up to outbox.send-timeout otherwise), and unsent rows simply wait in the table for the next
     * start.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        close();
    }

    @PreDestroy
    void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(java.time.Duration.ofSeconds(1));
        }
    }
}
