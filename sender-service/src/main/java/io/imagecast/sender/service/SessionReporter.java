package io.imagecast.sender.service;

import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverDropped;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferFailed;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.sender.domain.ImageFile;
import io.imagecast.sender.domain.SessionLedger;
import io.imagecast.sender.domain.SessionPhase;
import io.imagecast.sender.domain.TransferState;
import io.imagecast.sender.engine.TransferListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Turns what the engine reports about one session into transfer events, session log lines, ledger
 * updates and registry state. The final event is published once, however many times the engine or
 * shutdown try to end the transfer.
 *
 * <p>Each callback changes the transfer's state and hands its event to the publisher while holding
 * the transfer's lock, the lock {@link ProgressReporter} holds while it samples and publishes: events
 * of one session reach the (ordered, keyed) topic in the order they happened, so a progress sample
 * of file 1 can never follow the TransferStarted of file 2.
 */
final class SessionReporter implements TransferListener {
    private final ActiveTransfer transfer;
    private final String nodeId;
    private final EventPublisher publisher;
    private final SessionLedger ledger;
    private final TransferRegistry registry;
    private final Clock clock;

    SessionReporter(
            ActiveTransfer transfer,
            String nodeId,
            EventPublisher publisher,
            SessionLedger ledger,
            TransferRegistry registry,
            Clock clock) {
        this.transfer = transfer;
        this.nodeId = nodeId;
        this.publisher = publisher;
        this.ledger = ledger;
        this.registry = registry;
        this.clock = clock;
    }

    private UUID sessionId() {
        return transfer.sessionId();
    }

    private int fileCount() {
        return transfer.image().files().size();
    }

    @Override
    public void waitingForReceivers(int fileIndex) {
        synchronized (transfer) {
            transfer.waiting(fileIndex);
            int portBase = transfer.command().portBase();
            int minReceivers = transfer.command().minReceivers();
            transfer.log()
                    .info(
                            "file %d/%d %s: waiting for %d receiver(s) on port base %d",
                            fileIndex + 1, fileCount(), fileName(fileIndex), minReceivers, portBase);
            publish(new WaitingForReceivers(sessionId(), nodeId, fileIndex, portBase, minReceivers));
        }
    }

    @Override
    public void notice(String message) {
        transfer.log().info("%s", message);
    }

    @Override
    public void receiverJoined(String address, int fileIndex, int receiverCount) {
        synchronized (transfer) {
            transfer.joined(address);
            transfer.log()
                    .info(
                            "file %d/%d: receiver %s joined (%d connected)",
                            fileIndex + 1, fileCount(), address, receiverCount);
            publish(new ReceiverJoined(sessionId(), nodeId, address, fileIndex, receiverCount));
        }
    }

    @Override
    public void fileStarted(int fileIndex, List<String> receivers) {
        synchronized (transfer) {
            if (transfer.started(fileIndex, receivers)) {
                // From here on the receivers cannot resume a restarted sender; the ledger must know.
                ledger.advance(sessionId(), SessionPhase.SENDING, clock.instant());
            }
            ImageFile file = transfer.image().files().get(fileIndex);
            transfer.log()
                    .info(
                            "file %d/%d %s (%d bytes): sending to %s",
                            fileIndex + 1, fileCount(), file.name(), file.size(), String.join(", ", receivers));
            publish(new TransferStarted(
                    sessionId(), nodeId, fileIndex, fileCount(), file.name(), file.size(), List.copyOf(receivers)));
        }
    }

    @Override
    public void fileCompleted(int fileIndex, List<String> receivers) {
        synchronized (transfer) {
            transfer.log()
                    .info(
                            "file %d/%d %s: completed by %s",
                            fileIndex + 1, fileCount(), fileName(fileIndex), String.join(", ", receivers));
            publish(new FileCompleted(
                    sessionId(), nodeId, fileIndex, fileCount(), fileName(fileIndex), List.copyOf(receivers)));
        }
    }

    @Override
    public void receiverDropped(String address, int fileIndex, String reason) {
        synchronized (transfer) {
            transfer.dropped(address, reason);
            transfer.log().warn("file %d/%d: receiver %s dropped: %s", fileIndex + 1, fileCount(), address, reason);
            publish(new ReceiverDropped(sessionId(), nodeId, address, fileIndex, reason));
        }
    }

    @Override
    public void completed(List<String> receivers, List<DroppedReceiver> dropped) {
        synchronized (transfer) {
            if (!transfer.finish(TransferState.COMPLETED, null, clock.instant())) {
                return;
            }
            double seconds = Duration.between(transfer.snapshot().acceptedAt(), clock.instant())
                            .toMillis()
                    / 1000.0;
            long totalBytes = transfer.image().totalBytes();
            transfer.log()
                    .info(
                            "completed: %d file(s), %d bytes in %.1f s to %s%s",
                            fileCount(),
                            totalBytes,
                            seconds,
                            String.join(", ", receivers),
                            dropped.isEmpty() ? "" : "; dropped: " + dropped);
            finish(new TransferCompleted(
                    sessionId(), nodeId, List.copyOf(receivers), List.copyOf(dropped), totalBytes, seconds));
        }
    }

    @Override
    public void failed(String reason) {
        synchronized (transfer) {
            if (!transfer.finish(TransferState.FAILED, reason, clock.instant())) {
                return;
            }
            transfer.log().error("failed: %s", reason);
            finish(new TransferFailed(sessionId(), nodeId, reason));
        }
    }

    @Override
    public void cancelled(String reason) {
        synchronized (transfer) {
            if (!transfer.finish(TransferState.CANCELLED, reason, clock.instant())) {
                return;
            }
            transfer.log().info("cancelled: %s", reason);
            finish(new TransferCancelled(sessionId(), nodeId, reason));
        }
    }

    private void finish(ImagecastMessage finalEvent) {
        registry.remove(transfer);
        publish(finalEvent).whenComplete((ok, failure) -> {
            if (failure == null) {
                ledger.advance(sessionId(), SessionPhase.FINISHED, clock.instant());
            } else {
                // Left unfinished in the ledger: the next start reports the session again.
                transfer.log().error("final event could not be published: %s", failure.getMessage());
            }
            transfer.reported().complete(null);
        });
    }

    private CompletionStage<Void> publish(ImagecastMessage event) {
        return publisher.publish(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                transfer.log()
                        .error("could not publish %s: %s", event.getClass().getSimpleName(), failure.getMessage());
            }
        });
    }

    private String fileName(int fileIndex) {
        return fileIndex < fileCount() ? transfer.image().files().get(fileIndex).name() : "?";
    }
}
