package io.imagecast.registry.messaging;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.Topics;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.outbox.OutboxMessage;
import io.imagecast.outbox.OutboxWriter;
import io.imagecast.outbox.OutboxWritten;
import io.imagecast.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Queues node events in the outbox, inside the caller's transaction, for {@link NodeEventRelay}. */
@ApplicationScoped
public class NodeEventPublisher {
    private static final Logger LOG = Logger.getLogger(NodeEventPublisher.class);

    private final OutboxWriter writer;
    private final RegistryConfig config;
    private final Event<OutboxWritten> written;

    public NodeEventPublisher(DataSource dataSource, RegistryConfig config, Event<OutboxWritten> written) {
        this.writer = new OutboxWriter(dataSource);
        this.config = config;
        this.written = written;
    }

    /** Must run inside the transaction of the change: the writer refuses a write outside one. */
    public void publish(NodeChange change, NodeSnapshot node) {
        NodeChanged message = new NodeChanged(change, node);
        EventMetadata metadata = EventMetadata.newEvent(change.ceType(), config.eventSource(), node.nodeId());
        writer.write(OutboxMessage.of(
                Topics.NODE_EVENTS, message, metadata.id(), metadata.type(), metadata.subject(), metadata.time()));
        written.fire(new OutboxWritten());
        LOG.debugf("queued %s for node %s (status %s)", change, node.nodeId(), node.status());
    }
}
