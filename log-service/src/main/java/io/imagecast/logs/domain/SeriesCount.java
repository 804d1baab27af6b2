package io.imagecast.logs.domain;

import java.time.Instant;
import java.util.Map;

/** Number of lines of one label group in the range window ending at {@code at}. */
public record SeriesCount(Instant at, Map<Label, String> labels, long count) {}
