package io.imagecast.logs.service;

import io.imagecast.logs.domain.LogLine;
import java.time.Instant;

/** What a live-tail subscriber receives: a line, or a note of the lines it was too slow for. */
public sealed interface TailEvent {

    record Line(LogLine line) implements TailEvent {}

    /** {@code lines} lines, stamped from {@code from} to {@code to}, were not delivered. */
    record Missed(long lines, Instant from, Instant to) implements TailEvent {}
}
