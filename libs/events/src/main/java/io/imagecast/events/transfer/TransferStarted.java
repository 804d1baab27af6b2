package io.imagecast.events.transfer;

import java.util.List;
import java.util.UUID;

/** Data of file {@code fileIndex} (0-based) of {@code fileCount} started flowing to {@code receivers}. */
public record TransferStarted(
        UUID sessionId,
        String nodeId,
        int fileIndex,
        int fileCount,
        String fileName,
        long fileBytes,
        List<String> receivers)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.started.v1";
}
