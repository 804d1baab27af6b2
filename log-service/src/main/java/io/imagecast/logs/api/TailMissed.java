package io.imagecast.logs.api;

import java.time.Instant;

/** The data of a live tail's {@code missed} event: lines the client was too slow for. */
public record TailMissed(long missed, Instant from, Instant to) {}
