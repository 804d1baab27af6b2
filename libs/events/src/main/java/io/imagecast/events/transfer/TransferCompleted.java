package io.imagecast.events.transfer;

import java.util.List;
import java.util.UUID;

/**
 * Every file went out. {@code completedReceivers} acknowledged every byte of every file;
 * a non-empty {@code dropped} makes the session PARTIAL.
 */
public record TransferCompleted(
        UUID sessionId,
        String nodeId,
        List<String> completedReceivers,
        List<DroppedReceiver> dropped,
        long totalBytes,
        double seconds)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.completed.v1";
}
