package io.imagecast.registry.messaging;

import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.Topics;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

/** Queues node events in the outbox, inside the caller's transaction, for {@link OutboxRelay}. */
@ApplicationScoped
public class NodeEventPublisher {
    private static final Logger LOG = Logger.getLogger(NodeEventPublisher.class);

    private final OutboxRepository outbox;
    private final RegistryConfig config;
    private final Event<OutboxWritten> written;

    public NodeEventPublisher(OutboxRepository outbox, RegistryConfig config, Event<OutboxWritten> written) {
        this.outbox = outbox;
        this.config = config;
        this.written = written;
    }

    /** Must run inside the transaction of the change: persisting outside one fails. */
    public void publish(NodeChange change, NodeSnapshot node) {
        NodeChanged message = new NodeChanged(change, node);
        EventMetadata metadata = EventMetadata.newEvent(change.ceType(), config.eventSource(), node.nodeId());
        OutboxEvent event = new OutboxEvent();
        event.eventId = metadata.id();
        event.topic = Topics.NODE_EVENTS;
        event.messageKey = message.key();
        event.ceType = metadata.type();
        event.ceSubject = metadata.subject();
        event.occurredAt = metadata.time();
        event.payload = EventJson.toBytes(message);
        outbox.persist(event);
        written.fire(new OutboxWritten());
        LOG.debugf("queued %s for node %s (status %s)", change, node.nodeId(), node.status());
    }
}
