package io.imagecast.session.messaging;

import io.imagecast.outbox.OutboxRelayLoop;
import io.imagecast.outbox.OutboxSettings;
import io.imagecast.session.config.SessionConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the shared outbox relay (libs/outbox) for this replica's commands, every
 * {@code outbox.interval} from start-up to shutdown.
 */
@ApplicationScoped
public class CommandRelay {
    private final DataSource dataSource;
    private final SessionConfig config;
    private final String bootstrapServers;
    private volatile OutboxRelayLoop loop;

    public CommandRelay(
            DataSource dataSource,
            SessionConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        registry.gauge("imagecast.session.outbox.pending", this, CommandRelay::pendingSafely);
    }

    void onStart(@Observes StartupEvent event) {
        loop = OutboxRelayLoop.start(
                dataSource,
                bootstrapServers,
                new OutboxSettings(
                        config.eventSource(),
                        "imagecast-session-outbox",
                        DurationConverter.parseDuration(config.outbox().interval()),
                        config.outbox().batchSize(),
                        config.outbox().sendTimeout()));
    }

    /**
     * Stops early on shutdown: a pass blocked on an unreachable broker is interrupted, and unsent
     * rows wait in the table for the next start.
     */
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
