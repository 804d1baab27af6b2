package io.imagecast.session.messaging;

import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.outbox.OutboxMessage;
import io.imagecast.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Queues node commands in the caller's transaction; {@link CommandRelay} publishes them. */
@ApplicationScoped
public class CommandOutbox {
    private final OutboxWriter writer;

    public CommandOutbox(DataSource dataSource) {
        this.writer = new OutboxWriter(dataSource);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(ImagecastMessage command, UUID sessionId, Instant now) {
        writer.write(OutboxMessage.of(
                Topics.SESSION_COMMANDS,
                command,
                UUID.randomUUID().toString(),
                EventTypes.typeOf(command),
                sessionId.toString(),
                now));
    }
}
