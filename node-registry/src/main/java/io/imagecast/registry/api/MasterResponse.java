package io.imagecast.registry.api;

/** The master of a group; {@code node} is null when the group has none. */
public record MasterResponse(String group, String node) {}
