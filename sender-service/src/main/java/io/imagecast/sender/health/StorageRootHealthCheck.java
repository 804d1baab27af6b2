package io.imagecast.sender.health;

import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.service.HeartbeatReporter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A node that cannot read its storage root cannot send any image. */
@Readiness
@ApplicationScoped
public class StorageRootHealthCheck implements HealthCheck {
    private final SenderConfig config;
    private final HeartbeatReporter heartbeat;

    public StorageRootHealthCheck(SenderConfig config, HeartbeatReporter heartbeat) {
        this.config = config;
        this.heartbeat = heartbeat;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("storage-root")
                .status(heartbeat.storageRootReadable())
                .withData("path", config.storageRoot().toString())
                .build();
    }
}
