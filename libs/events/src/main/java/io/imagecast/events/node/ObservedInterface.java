package io.imagecast.events.node;

import java.util.List;

/** A network interface as the node itself sees it. */
public record ObservedInterface(
        String name,
        List<InterfaceAddress> addresses,
        int mtu,
        boolean up,
        boolean multicast,
        boolean loopback,
        boolean virtual) {}
