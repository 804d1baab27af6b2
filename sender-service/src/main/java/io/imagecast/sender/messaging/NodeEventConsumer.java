package io.imagecast.sender.messaging;

import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.NodeSettings;
import io.imagecast.sender.service.LiveNodeSettings;
import io.imagecast.sender.service.TransferService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Registry changes to this node (interface, bitrate cap, master flag), applied without a restart. */
@ApplicationScoped
public class NodeEventConsumer {
    private static final Logger LOG = Logger.getLogger(NodeEventConsumer.class);

    private final LiveNodeSettings settings;
    private final TransferService transfers;
    private final String nodeId;

    public NodeEventConsumer(LiveNodeSettings settings, TransferService transfers, SenderConfig config) {
        this.settings = settings;
        this.transfers = transfers;
        this.nodeId = config.nodeId();
    }

    @Incoming("node-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null && !record.key().equals(nodeId)) {
            return;
        }
        Optional<ConsumedEvent> event = ConsumedEvent.from(record);
        if (event.isEmpty()) {
            return;
        }
        EventMetadata metadata = event.get().metadata();
        try {
            if (event.get().message() instanceof NodeChanged changed
                    && changed.node() != null
                    && nodeId.equals(changed.node().nodeId())
                    && changed.change() != NodeChange.REMOVED) {
                apply(changed, metadata);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "node event %s could not be applied", metadata.id());
        }
    }

    private void apply(NodeChanged changed, EventMetadata metadata) {
        Optional<LiveNodeSettings.Change> applied = settings.apply(changed.node(), metadata.time());
        if (applied.isEmpty()) {
            LOG.debugf(
                    "node event %s (%s at %s) is older than the settings in use: ignored",
                    metadata.id(), changed.change(), metadata.time());
            return;
        }
        NodeSettings before = applied.get().before();
        NodeSettings after = applied.get().after();
        if (!before.equals(after)) {
            LOG.infof(
                    "node settings from the registry (%s): interface %s, bitrate cap %s, max sessions %d, master %s",
                    changed.change(),
                    after.interfaceName() == null ? "none (new sessions refused)" : after.interfaceName(),
                    after.maxBitrateBps() == null ? "none" : after.maxBitrateBps() + " bit/s",
                    after.maxSessions(),
                    after.master());
        }
        if (before.interfaceName() != null && after.interfaceName() == null) {
            LOG.warnf(
                    "the registry cleared this node's multicast interface (was %s): new sessions are refused",
                    before.interfaceName());
            transfers.noteInterfaceCleared();
        }
        if (!Objects.equals(before.maxBitrateBps(), after.maxBitrateBps())) {
            transfers.noteBitrateCap(after.maxBitrateBps());
        }
    }
}
