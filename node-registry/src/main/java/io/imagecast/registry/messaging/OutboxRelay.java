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
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
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
    private final ManagedExecutor executor;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxRelay(
            OutboxRepository outbox,
            @Channel("node-events") MutinyEmitter<byte[]> emitter,
            RegistryConfig config,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
        // No context propagation: the committed transaction and the request must not follow the relay.
        this.executor = ManagedExecutor.builder()
                .maxAsync(1)
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .build();
        meters.gauge("imagecast.registry.outbox.pending", outbox, OutboxRepository::count);
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Publishes right after a commit that queued events, off the committing (request) thread. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        // Coalesced: while a request is pending, further commits ride on it.
        if (requested.compareAndSet(false, true)) {
            executor.execute(this::relayPending);
        }
    }

    /** The safety net: picks up what a failed or missed run left behind. */
    @Scheduled(
            every = "${imagecast.registry.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before messaging is wired (start-up) nor after the database is closed (shutdown).
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relayPending() {
        if (!running.tryLock()) {
            return; // the running relay sees the request flag and goes round again
        }
        boolean failed = false;
        try {
            do {
                requested.set(false);
                int sent;
                do {
                    // The relay is infrastructure, not a use case: it owns its short transactions itself.
                    sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
                } while (sent == config.outbox().batchSize());
            } while (requested.get());
        } catch (RuntimeException e) {
            failed = true;
            LOG.warnf("outbox relay could not publish, will retry: %s", e.getMessage());
        } finally {
            running.unlock();
        }
        // A request that came in just as this run finished; after a failure the scheduler retries instead.
        if (!failed && requested.get()) {
            executor.execute(this::relayPending);
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
