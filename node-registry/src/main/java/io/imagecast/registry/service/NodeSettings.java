package io.imagecast.registry.service;

/** The settings of a storage node an admin controls; the master flag has its own operation. */
public record NodeSettings(
        String group,
        String address,
        boolean enabled,
        String multicastInterface,
        Long maxBitrateBps,
        int maxSessions) {}
