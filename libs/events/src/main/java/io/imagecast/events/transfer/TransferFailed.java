package io.imagecast.events.transfer;

import java.util.UUID;

public record TransferFailed(UUID sessionId, String nodeId, String reason) implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.failed.v1";
}
