package io.imagecast.registry.messaging;

import io.imagecast.outbox.OutboxRelayLoop;
import io.imagecast.outbox.OutboxSettings;
import io.imagecast.registry.config.RegistryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the shared outbox relay (libs/outbox) for this replica's node events: right after a commit
 * that queued one, and every {@code outbox.poll-interval} for what a failed run left behind.
 */
@ApplicationScoped
public class NodeEventRelay {
    private final DataSource dataSource;
    private final RegistryConfig config;
    private final String bootstrapServers;
    private volatile OutboxRelayLoop loop;

    public NodeEventRelay(
            DataSource dataSource,
            RegistryConfig config,
            MeterRegistry meters,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        meters.gauge("imagecast.registry.outbox.pending", this, NodeEventRelay::pendingSafely);
    }

    void onStart(@Observes StartupEvent event) {
        loop = OutboxRelayLoop.start(
                dataSource,
                bootstrapServers,
                new OutboxSettings(
                        config.eventSource(),
                        "imagecast-registry-outbox",
                        config.outbox().pollInterval(),
                        config.outbox().batchSize(),
                        config.outbox().sendTimeout()));
    }

    /** Publishes right after a commit that queued events, off the committing (request) thread. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        OutboxRelayLoop running = loop;
        if (running != null) {
            running.nudge();
        }
    }

    /** Unsent rows wait in the table for the next start (of this replica or another). */
    void onShutdown(@Observes ShutdownEvent event) {
        OutboxRelayLoop running = loop;
        loop = null;
        if (running != null) {
            running.close();
        }
    }

    private double pendingSafely() {
        OutboxRelayLoop running = loop;
        try {
            return running == null ? Double.NaN : running.relay().pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
