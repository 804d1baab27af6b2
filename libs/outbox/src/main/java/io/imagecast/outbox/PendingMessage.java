package io.imagecast.outbox;

/** A row claimed by a relay: its position in the table, its message and how often sending it failed. */
public record PendingMessage(long id, OutboxMessage message, int attempts) {}
