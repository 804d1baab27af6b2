package io.imagecast.session.messaging;

import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.outbox.OutboxMessage;
import io.imagecast.outbox.OutboxWriter;
import io.imagecast.outbox.OutboxWritten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Queues node commands in the caller's transaction; {@link CommandRelay} publishes them after the commit. */
@ApplicationScoped
public class CommandOutbox {
    private final OutboxWriter writer;
    private final Event<OutboxWritten> written;

    public CommandOutbox(DataSource dataSource, Event<OutboxWritten> written) {
        this.writer = new OutboxWriter(dataSource);
        this.written = written;
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
        written.fire(new OutboxWritten());
    }
}
