package io.imagecast.sender.service;

import io.imagecast.sender.config.SenderConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Settles what a previous run left behind at start, and ends running transfers cleanly at stop. */
@ApplicationScoped
public class NodeLifecycle {
    private static final Logger LOG = Logger.getLogger(NodeLifecycle.class);

    private final TransferService transfers;
    private final SenderConfig config;

    public NodeLifecycle(TransferService transfers, SenderConfig config) {
        this.transfers = transfers;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("storage node %s serving %s", config.nodeId(), config.storageRoot());
        transfers.recover();
    }

    // Runs before the messaging connectors close, so the cancellations still reach the broker.
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        transfers.cancelAll("sender-service on node " + config.nodeId() + " is shutting down");
    }
}
