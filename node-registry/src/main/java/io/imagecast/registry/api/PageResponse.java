package io.imagecast.registry.api;

import java.util.List;

/** One page of a list; pass {@code nextCursor} as {@code cursor} to get the next one (null: last page). */
public record PageResponse<T>(List<T> items, String nextCursor) {}
