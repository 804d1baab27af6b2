package io.imagecast.registry.messaging;

import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.registry.service.HeartbeatService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Feeds sender heartbeats to {@link HeartbeatService}. A heartbeat that cannot be read or applied
 * is logged and skipped: the next one arrives seconds later and carries the full state again.
 */
@ApplicationScoped
public class HeartbeatConsumer {
    private static final Logger LOG = Logger.getLogger(HeartbeatConsumer.class);

    private final HeartbeatService heartbeats;
    private final Counter received;
    private final Counter skipped;

    public HeartbeatConsumer(HeartbeatService heartbeats, MeterRegistry meters) {
        this.heartbeats = heartbeats;
        this.received = meters.counter("imagecast.registry.heartbeats", "outcome", "applied");
        this.skipped = meters.counter("imagecast.registry.heartbeats", "outcome", "skipped");
    }

    @Incoming("node-heartbeats")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Optional<NodeHeartbeat> heartbeat = decode(record);
        if (heartbeat.isEmpty()) {
            skipped.increment();
            return;
        }
        MDC.put("nodeId", heartbeat.get().nodeId());
        try {
            heartbeats.record(heartbeat.get(), Instant.now());
            received.increment();
        } catch (RuntimeException e) {
            skipped.increment();
            LOG.warnf(e, "heartbeat of node %s not applied", heartbeat.get().nodeId());
        } finally {
            MDC.remove("nodeId");
        }
    }

    private Optional<NodeHeartbeat> decode(ConsumerRecord<String, byte[]> record) {
        Optional<ConsumedEvent> event = ConsumedEvent.from(record);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        if (!(event.get().message() instanceof NodeHeartbeat heartbeat)) {
            LOG.warnf(
                    "skipping record %s of type %s on the heartbeat topic",
                    event.get().metadata().id(), event.get().metadata().type());
            return Optional.empty();
        }
        if (heartbeat.nodeId() == null || heartbeat.at() == null) {
            LOG.warnf(
                    "skipping heartbeat %s without nodeId or timestamp",
                    event.get().metadata().id());
            return Optional.empty();
        }
        return Optional.of(heartbeat);
    }
}
