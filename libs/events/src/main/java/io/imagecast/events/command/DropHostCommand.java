package io.imagecast.events.command;

import io.imagecast.events.ImagecastMessage;
import java.util.UUID;

/** Disconnects one receiver (by IP address) while the others go on. */
public record DropHostCommand(UUID sessionId, String nodeId, String hostAddress, String reason)
        implements ImagecastMessage {
    public static final String TYPE = "imagecast.session.drop-host-requested.v1";

    @Override
    public String key() {
        return nodeId;
    }
}
