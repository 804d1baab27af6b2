package io.imagecast.session.messaging;

import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.session.service.NodeEventHandler;
import io.imagecast.session.service.TransferEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Kafka entry points; each record is decoded, applied in one transaction, then acknowledged. */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    private static final int ATTEMPTS = 5;

    private final TransferEventHandler transfers;
    private final NodeEventHandler nodes;

    public EventConsumers(TransferEventHandler transfers, NodeEventHandler nodes) {
        this.transfers = transfers;
        this.nodes = nodes;
    }

    @Incoming("transfer-events")
    @Blocking
    public void onTransferEvent(ConsumerRecord<String, byte[]> record) {
        ConsumedEvent.from(record).ifPresent(decoded -> {
            if (decoded.message() instanceof TransferEvent event) {
                withRetries(decoded.metadata().id(), () -> transfers.handle(decoded.metadata(), event));
            }
        });
    }

    @Incoming("node-events")
    @Blocking
    public void onNodeEvent(ConsumerRecord<String, byte[]> record) {
        ConsumedEvent.from(record).ifPresent(decoded -> {
            if (decoded.message() instanceof NodeChanged changed) {
                withRetries(decoded.metadata().id(), () -> nodes.handle(decoded.metadata(), changed));
            }
        });
    }

    @Incoming("node-heartbeats")
    @Blocking
    public void onHeartbeat(ConsumerRecord<String, byte[]> record) {
        ConsumedEvent.from(record).ifPresent(decoded -> {
            if (decoded.message() instanceof NodeHeartbeat heartbeat) {
                withRetries(decoded.metadata().id(), () -> nodes.handle(heartbeat));
            }
        });
    }

    /**
     * Retries transient failures (a lock conflict, a lost connection) a few times; after that the
     * record is logged and skipped so one bad event cannot stall the partition forever.
     */
    private static void withRetries(String eventId, Runnable effect) {
        for (int attempt = 1; ; attempt++) {
            try {
                effect.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    LOG.errorf(e, "event %s skipped after %d failed attempts", eventId, attempt);
                    return;
                }
                LOG.warnf("event %s failed (attempt %d): %s", eventId, attempt, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
