package io.imagecast.cli;

import picocli.CommandLine.Option;

/** The options {@code send} and {@code receive} share with udp-sender and udp-receiver; a picocli mixin. */
final class UdpcastOptions {
    @Option(
            names = {"-i", "--interface"},
            description = "Network interface (default: first multicast-capable).")
    String interfaceName;

    @Option(
            names = {"-P", "--portbase"},
            defaultValue = "9000",
            description = "Port base P (default ${DEFAULT-VALUE}).")
    int portBase;

    @Option(names = "--mcast-rdv-address", description = "Multicast rendezvous group.")
    String rendezvousAddress;

    @Option(names = "--ttl", defaultValue = "1", description = "Multicast TTL (default ${DEFAULT-VALUE}).")
    int ttl;

    @Option(
            names = {"-q", "--quiet"},
            description = "Only the summary line.")
    boolean quiet;
}
