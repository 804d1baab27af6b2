package io.imagecast.registry.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Runs the offline check periodically (imagecast.registry.heartbeat.check-interval). */
@ApplicationScoped
public class OfflineCheckJob {
    private final LivenessService liveness;

    public OfflineCheckJob(LivenessService liveness) {
        this.liveness = liveness;
    }

    @Scheduled(
            every = "${imagecast.registry.heartbeat.check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before messaging is wired (start-up) nor after the database is closed (shutdown).
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkLiveness() {
        liveness.markSilentNodesOffline(Instant.now());
    }
}
