package io.imagecast.netlab;

import java.util.List;

/**
 * A veth from the machine's own (root) network namespace to a lab's bridge, carrying one address of the
 * lab subnet. Programs in the root namespace (a storage node's sender-service, which also needs Kafka on
 * loopback) then reach the lab hosts through it, multicast included.
 *
 * <p>The root end is named {@code <lab name><suffix>}; its peer sits on the bridge inside the lab's
 * switch namespace, so deleting the lab removes the uplink too. {@link #close()} removes it at once.
 */
public final class RootUplink implements AutoCloseable {
    private final String interfaceName;
    private final String address;
    private volatile boolean closed;

    private RootUplink(String interfaceName, String address) {
        this.interfaceName = interfaceName;
        this.address = address;
    }

    /**
     * Attaches the root namespace to {@code lab}'s bridge with {@code hostOctet} as the last octet of the
     * address (e.g. 254 for {@code <subnet>.254/24}). {@code suffix} keeps the interface name unique
     * per lab; lab name plus suffix must fit Linux's 15 characters.
     */
    public static RootUplink attach(NetLab lab, String suffix, int hostOctet) {
        if (hostOctet < 1 || hostOctet > 254) {
            throw new IllegalArgumentException("hostOctet must be 1..254");
        }
        String name = lab.name() + suffix;
        if (name.length() > 15) {
            throw new IllegalArgumentException("interface name " + name + " is longer than 15 characters");
        }
        String bridgePort = "up" + suffix;
        if (bridgePort.length() > 15) {
            throw new IllegalArgumentException("suffix " + suffix + " is too long");
        }
        // the lab's /24: its hosts' broadcast address without the final ".255"
        String broadcast = lab.host(0).broadcast();
        String subnet = broadcast.substring(0, broadcast.lastIndexOf('.'));
        for (LabHost host : lab.hosts()) {
            if (host.address().equals(subnet + "." + hostOctet)) {
                throw new IllegalArgumentException(
                        subnet + "." + hostOctet + " already belongs to " + host.namespace());
            }
        }
        RootUplink uplink = new RootUplink(name, subnet + "." + hostOctet);
        String switchNs = lab.name() + "sw"; // NetLab's documented switch namespace name
        try {
            Shell.run(
                    List.of("ip", "link", "add", name, "type", "veth", "peer", "name", bridgePort, "netns", switchNs));
            Shell.run(List.of("ip", "-n", switchNs, "link", "set", bridgePort, "master", "br0"));
            Shell.run(List.of("ip", "-n", switchNs, "link", "set", bridgePort, "up"));
            // IPv6 off keeps router solicitations and MLD off the lab, as in the lab's own namespaces
            Shell.tryRun(List.of("sysctl", "-qw", "net.ipv6.conf." + name + ".disable_ipv6=1"));
            Shell.run(List.of("ip", "addr", "add", uplink.address + "/24", "broadcast", subnet + ".255", "dev", name));
            Shell.run(List.of("ip", "link", "set", name, "up"));
        } catch (RuntimeException e) {
            uplink.close();
            throw e;
        }
        return uplink;
    }

    /** The interface name in the root namespace. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The uplink's IPv4 address in the lab subnet. */
    public String address() {
        return address;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // gone already when the lab's switch namespace was deleted first: that is fine
        Shell.tryRun(List.of("ip", "link", "del", interfaceName));
    }
}
