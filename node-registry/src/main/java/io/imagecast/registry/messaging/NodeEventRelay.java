package io.imagecast.registry.messaging;

import io.imagecast.outbox.ManagedRelay;
import io.imagecast.outbox.OutboxSettings;
import io.imagecast.outbox.RelayLifecycle;
import io.imagecast.registry.config.RegistryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the shared outbox relay (libs/outbox) for this replica's node events: right after a commit
 * that queued one, and every {@code outbox.poll-interval} for what a failed run left behind.
 */
@Singleton
public class NodeEventRelay extends RelayLifecycle {

    public NodeEventRelay(
            DataSource dataSource,
            RegistryConfig config,
            MeterRegistry meters,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(new ManagedRelay(
                dataSource,
                bootstrapServers,
                new OutboxSettings(
                        config.eventSource(),
                        "imagecast-registry-outbox",
                        config.outbox().pollInterval(),
                        config.outbox().batchSize(),
                        config.outbox().sendTimeout())));
        meters.gauge("imagecast.registry.outbox.pending", this, NodeEventRelay::pending);
    }
}
