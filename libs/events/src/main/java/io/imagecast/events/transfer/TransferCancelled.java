package io.imagecast.events.transfer;

import java.util.UUID;

public record TransferCancelled(UUID sessionId, String nodeId, String reason) implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.cancelled.v1";
}
