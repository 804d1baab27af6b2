package io.imagecast.events.command;

import io.imagecast.events.ImagecastMessage;
import java.util.UUID;

public record CancelTransferCommand(UUID sessionId, String nodeId, String reason) implements ImagecastMessage {
    public static final String TYPE = "imagecast.session.cancel-requested.v1";

    @Override
    public String key() {
        return nodeId;
    }
}
