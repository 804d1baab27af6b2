package io.imagecast.registry.service;

import java.util.List;

/** One page of a keyset-paginated list; {@code lastKey} is null on the last page. */
public record PageSlice<T>(List<T> items, String lastKey) {}
