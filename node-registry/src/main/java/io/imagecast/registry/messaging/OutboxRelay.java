package io.imagecast.registry.messaging;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventMetadata;
import io.imagecast.registry.config.RegistryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and deletes them once Kafka acknowledged them. The rows stay
 * locked while they are sent, so a failed send leaves them for the next run (at-least-once).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final RegistryConfig config;

    public OutboxRelay(
            OutboxRepository outbox,
            @Channel("node-events") MutinyEmitter<byte[]> emitter,
            RegistryConfig config,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
        meters.gauge("imagecast.registry.outbox.pending", outbox, OutboxRepository::count);
    }

    @Scheduled(
            every = "${imagecast.registry.outbox.poll-interval:250ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        try {
            int sent;
            do {
                // The relay is infrastructure, not a use case: it owns its short transactions itself.
                sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (sent == config.outbox().batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay could not publish, will retry: %s", e.getMessage());
        }
    }

    private int relayBatch() {
        List<OutboxEvent> batch = outbox.lockOldest(config.outbox().batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> sends = batch.stream().map(this::send).toList();
        Uni.join().all(sends).andFailFast().await().atMost(config.outbox().sendTimeout());
        batch.forEach(outbox::delete);
        LOG.debugf("published %d node events", batch.size());
        return batch.size();
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(
                new EventMetadata(event.eventId, event.ceType, config.eventSource(), event.occurredAt, event.ceSubject),
                headers);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.messageKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.payload).addMetadata(metadata));
    }
}
