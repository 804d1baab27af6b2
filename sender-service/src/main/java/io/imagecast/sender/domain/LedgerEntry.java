package io.imagecast.sender.domain;

import io.imagecast.events.command.StartTransferCommand;
import java.time.Instant;
import java.util.UUID;

/** The durable record of one session; {@code command} is kept so an unsent session can be restarted. */
public record LedgerEntry(UUID sessionId, SessionPhase phase, StartTransferCommand command, Instant updatedAt) {
    public LedgerEntry withPhase(SessionPhase next, Instant at) {
        return new LedgerEntry(sessionId, next, command, at);
    }
}
