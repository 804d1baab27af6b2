package io.imagecast.session.messaging;

import io.imagecast.outbox.ManagedRelay;
import io.imagecast.outbox.OutboxSettings;
import io.imagecast.outbox.RelayLifecycle;
import io.imagecast.session.config.SessionConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the shared outbox relay (libs/outbox) for this replica's commands: right after a commit
 * that queued one, and every {@code outbox.interval} for what a failed run left behind.
 */
@Singleton
public class CommandRelay extends RelayLifecycle {

    public CommandRelay(
            DataSource dataSource,
            SessionConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(new ManagedRelay(
                dataSource,
                bootstrapServers,
                new OutboxSettings(
                        config.eventSource(),
                        "imagecast-session-outbox",
                        DurationConverter.parseDuration(config.outbox().interval()),
                        config.outbox().batchSize(),
                        config.outbox().sendTimeout())));
        registry.gauge("imagecast.session.outbox.pending", this, CommandRelay::pending);
    }
}
