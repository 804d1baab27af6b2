package io.imagecast.events.node;

/** One address on an interface; {@code family} is "inet" or "inet6". */
public record InterfaceAddress(String address, int prefixLength, String family) {}
