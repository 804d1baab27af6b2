package io.imagecast.registry.messaging;

/** Fired when a transaction queued events, so the relay can publish them right after the commit. */
public record OutboxWritten() {}
