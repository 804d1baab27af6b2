package io.imagecast.events.transfer;

import io.imagecast.events.ImagecastMessage;
import java.util.UUID;

/** Something a sender reports about one session; keyed by session id. */
public interface TransferEvent extends ImagecastMessage {
    UUID sessionId();

    String nodeId();

    @Override
    default String key() {
        return sessionId().toString();
    }
}
