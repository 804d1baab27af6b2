package io.imagecast.sender.domain;

/**
 * What the registry says about this node right now. Starts from local config and is replaced whole
 * whenever a node event arrives, so readers always see one consistent version.
 */
public record NodeSettings(String interfaceName, Long maxBitrateBps, int maxSessions, boolean master) {}
