package io.imagecast.events.transfer;

import java.util.UUID;

/** The node took the start command, resolved the files and opened its sockets. */
public record TransferAccepted(UUID sessionId, String nodeId, int fileCount, long totalBytes) implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.accepted.v1";
}
