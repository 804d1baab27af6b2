package io.imagecast.sender.messaging;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.MalformedMessageException;
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
        Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
        if (metadata.isEmpty()) {
            return;
        }
        try {
            if (EventJson.decode(metadata.get().type(), record.value()) instanceof NodeChanged changed
                    && changed.node() != null
                    && nodeId.equals(changed.node().nodeId())
                    && changed.change() != NodeChange.REMOVED) {
                apply(changed);
            }
        } catch (MalformedMessageException e) {
            LOG.warnf("skipping unreadable node event %s: %s", metadata.get().id(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "node event %s could not be applied", metadata.get().id());
        }
    }

    private void apply(NodeChanged changed) {
        NodeSettings before = settings.current();
        NodeSettings after = settings.apply(changed.node());
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
