package io.imagecast.registry.it;

import io.imagecast.events.node.InterfaceAddress;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.ObservedInterface;
import java.time.Instant;
import java.util.List;

/** Heartbeats as a sender-service on a typical storage node would send them. */
final class Heartbeats {
    private Heartbeats() {}

    static NodeHeartbeat of(String node, String address, String interfaceName) {
        return new NodeHeartbeat(
                node,
                node + ".lab",
                Instant.now(),
                List.of(
                        new ObservedInterface(
                                "lo",
                                List.of(new InterfaceAddress("127.0.0.1", 8, "inet")),
                                65536,
                                true,
                                false,
                                true,
                                false),
                        new ObservedInterface(
                                interfaceName,
                                List.of(
                                        new InterfaceAddress(address, 24, "inet"),
                                        new InterfaceAddress("fe80::5054:ff:fe12:3456", 64, "inet6")),
                                1500,
                                true,
                                true,
                                false,
                                false)),
                List.of(),
                4,
                "/images",
                true,
                "test");
    }
}
