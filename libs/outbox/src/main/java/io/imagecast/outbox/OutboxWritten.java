package io.imagecast.outbox;

/**
 * What a service fires (as a CDI event) when a transaction wrote outbox rows, so that an observer
 * of the commit can {@link ManagedRelay#nudge() nudge} the relay instead of waiting for its poll.
 */
public record OutboxWritten() {}
