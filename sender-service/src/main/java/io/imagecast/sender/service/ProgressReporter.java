package io.imagecast.sender.service;

import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.TransferState;
import io.imagecast.sender.engine.TransferHandle;
import io.imagecast.sender.engine.TransferStats;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Samples every sending transfer about once a second and publishes its progress. */
@ApplicationScoped
public class ProgressReporter {
    private final TransferRegistry registry;
    private final EventPublisher publisher;
    private final String nodeId;

    public ProgressReporter(TransferRegistry registry, EventPublisher publisher, SenderConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.nodeId = config.nodeId();
    }

    @Scheduled(
            every = "${imagecast.sender.progress-interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void report() {
        for (ActiveTransfer transfer : registry.running()) {
            TransferHandle handle = transfer.handle().orElse(null);
            if (handle == null) {
                continue;
            }
            // Under the transfer's lock, like SessionReporter's lifecycle events: a sample and its
            // publication can never slip between a FileCompleted/TransferStarted and its send, so
            // the topic sees progress in the order it happened.
            synchronized (transfer) {
                if (transfer.snapshot().state() != TransferState.SENDING) {
                    continue;
                }
                TransferStats stats = handle.stats();
                if (stats.fileIndex() < transfer.snapshot().fileIndex()) {
                    // The engine's counters still describe the previous file: skip this round.
                    continue;
                }
                transfer.sample(stats, System.nanoTime());
                TransferSnapshot snapshot = transfer.snapshot();
                publisher.publish(new TransferProgress(
                        snapshot.sessionId(),
                        nodeId,
                        snapshot.fileIndex(),
                        snapshot.fileCount(),
                        snapshot.bytesSent(),
                        snapshot.totalBytes(),
                        snapshot.bitsPerSecond(),
                        snapshot.retransmittedBlocks(),
                        snapshot.receiverProgress()));
            }
        }
    }
}
