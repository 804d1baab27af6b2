package io.imagecast.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "imagecast.registry")
public interface RegistryConfig {
    Heartbeat heartbeat();

    Outbox outbox();

    Pagination pagination();

    /** Settings given to a node the registry first learns about from its heartbeats. */
    DiscoveredNode discoveredNode();

    /** The CloudEvents {@code source} of the events this service publishes. */
    @WithDefault("/imagecast/node-registry")
    String eventSource();

    interface Heartbeat {
        /** A node without a heartbeat for this long is offline. */
        @WithDefault("15s")
        Duration offlineAfter();

        /** How often the offline check runs (read by the scheduler as a property expression). */
        @WithDefault("5s")
        Duration checkInterval();
    }

    interface Outbox {
        /** How often the relay looks for events a missed or failed run left behind (read by the scheduler). */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("100")
        int batchSize();

        /** How long the relay waits for Kafka to acknowledge a batch before trying again later. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Pagination {
        @WithDefault("50")
        int defaultLimit();

        @WithDefault("200")
        int maxLimit();
    }

    interface DiscoveredNode {
        @WithDefault("4")
        int maxSessions();
    }
}
