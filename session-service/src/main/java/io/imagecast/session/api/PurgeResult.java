package io.imagecast.session.api;

import java.time.Instant;

public record PurgeResult(long purged, Instant finishedBefore) {}
