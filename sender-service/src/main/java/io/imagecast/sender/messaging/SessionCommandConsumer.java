package io.imagecast.sender.messaging;

import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.DropHostCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.service.TransferService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Session commands addressed to this node; everything else on the topic is skipped. */
@ApplicationScoped
public class SessionCommandConsumer {
    private static final Logger LOG = Logger.getLogger(SessionCommandConsumer.class);

    private final TransferService transfers;
    private final String nodeId;

    public SessionCommandConsumer(TransferService transfers, SenderConfig config) {
        this.transfers = transfers;
        this.nodeId = config.nodeId();
    }

    @Incoming("session-commands")
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
            dispatch(event.get().message(), metadata);
        } catch (RuntimeException e) {
            // One bad command must not stop the consumer; the session learns nothing and times out.
            LOG.errorf(e, "command %s (%s) could not be handled", metadata.id(), metadata.type());
        }
    }

    private void dispatch(ImagecastMessage message, EventMetadata metadata) {
        if (!nodeId.equals(nodeIdOf(message))) {
            return;
        }
        if (message instanceof StartTransferCommand start) {
            transfers.start(start, metadata.time());
        } else if (message instanceof CancelTransferCommand cancel) {
            transfers.cancel(cancel);
        } else if (message instanceof DropHostCommand drop) {
            transfers.dropHost(drop);
        } else {
            LOG.debugf("ignoring %s on the command topic", metadata.type());
        }
    }

    private static String nodeIdOf(ImagecastMessage message) {
        if (message instanceof StartTransferCommand start) {
            return start.nodeId();
        } else if (message instanceof CancelTransferCommand cancel) {
            return cancel.nodeId();
        } else if (message instanceof DropHostCommand drop) {
            return drop.nodeId();
        }
        return null;
    }
}
