package io.imagecast.session.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Runs the liveness checks and the queue on a timer (scheduled sessions, silent nodes). */
@ApplicationScoped
public class LivenessJob {
    private final LivenessMonitor monitor;

    public LivenessJob(LivenessMonitor monitor) {
        this.monitor = monitor;
    }

    @Scheduled(
            every = "${imagecast.session.liveness.check-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkSessions() {
        TransactionRetry.run("liveness check", () -> monitor.check(Instant.now()));
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldEventIds() {
        monitor.forgetOldEventIds(Instant.now());
    }
}
