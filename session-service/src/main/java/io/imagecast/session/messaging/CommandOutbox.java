package io.imagecast.session.messaging;

import io.imagecast.events.EventJson;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.session.domain.OutboxEntry;
import io.imagecast.session.domain.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Queues node commands in the caller's transaction; {@link OutboxRelay} publishes them later. */
@ApplicationScoped
public class CommandOutbox {
    private final OutboxRepository outbox;

    public CommandOutbox(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(ImagecastMessage command, UUID sessionId, Instant now) {
        OutboxEntry entry = new OutboxEntry();
        entry.eventId = UUID.randomUUID();
        entry.topic = Topics.SESSION_COMMANDS;
        entry.recordKey = command.key();
        entry.ceType = EventTypes.typeOf(command);
        entry.ceSubject = sessionId.toString();
        entry.payload = EventJson.toJson(command);
        entry.createdAt = now;
        outbox.persist(entry);
    }
}
