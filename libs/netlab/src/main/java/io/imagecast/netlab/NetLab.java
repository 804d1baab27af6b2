package io.imagecast.netlab;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A multicast lab of Linux network namespaces: a switch namespace holding a bridge (multicast snooping
 * off) and N hosts, each with a veth {@code e0} on that bridge, a /24 address with broadcast, and the
 * routes {@code default dev e0} and {@code 224.0.0.0/4 dev e0} that udpcast needs.
 *
 * <p>Every namespace name starts with the lab's prefix; {@link #close()} deletes all of them and is
 * also registered as a JVM shutdown hook, so a crashed test leaves nothing behind.
 */
public final class NetLab implements AutoCloseable {
    private final String name;
    private final String switchNamespace;
    private final List<LabHost> hosts;
    private final List<String> created = new ArrayList<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private NetLab(String name, String subnetPrefix, int hostCount) {
        this.name = name;
        this.switchNamespace = name + "sw";
        List<LabHost> list = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            list.add(new LabHost(name + "h" + i, subnetPrefix + "." + (i + 1), subnetPrefix + ".255", "p" + i));
        }
        this.hosts = Collections.unmodifiableList(list);
        this.shutdownHook = new Thread(this::deleteNamespaces, "netlab-teardown-" + name);
    }

    /** Why a lab cannot be built on this machine, or null when it can. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            Shell.Result id = Shell.tryRun(List.of("id", "-u"));
            if (id.exitCode() != 0 || !"0".equals(id.output())) {
                return "network-namespace labs need root (running as " + System.getProperty("user.name") + ")";
            }
        }
        Shell.Result ip = Shell.tryRun(List.of("ip", "netns", "list"));
        if (ip.exitCode() != 0) {
            return "`ip netns` is unavailable: " + ip.output();
        }
        return null;
    }

    /** True when nftables (the {@code nft} tool) exists, needed for loss injection. */
    public static boolean nftAvailable() {
        return Shell.tryRun(List.of("nft", "--version")).exitCode() == 0;
    }

    /**
     * Builds a lab. {@code prefix} must be short (the namespace names are prefix + 4 random hex + suffix)
     * and {@code subnetPrefix} is the first three octets, e.g. "10.201.0".
     */
    public static NetLab create(String prefix, String subnetPrefix, int hostCount) {
        if (hostCount < 1 || hostCount > 200) {
            throw new IllegalArgumentException("hostCount must be 1..200");
        }
        String id =
                String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        NetLab lab = new NetLab(prefix + id, subnetPrefix, hostCount);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.build();
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void build() {
        addNamespace(switchNamespace);
        ipn(switchNamespace, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        ipn(switchNamespace, "link", "set", "br0", "up");
        for (LabHost host : hosts) {
            addNamespace(host.namespace());
            ipn(
                    host.namespace(),
                    "link",
                    "add",
                    "e0",
                    "type",
                    "veth",
                    "peer",
                    "name",
                    host.bridgePort(),
                    "netns",
                    switchNamespace);
            ipn(switchNamespace, "link", "set", host.bridgePort(), "master", "br0");
            ipn(switchNamespace, "link", "set", host.bridgePort(), "up");
            ipn(host.namespace(), "addr", "add", host.address() + "/24", "broadcast", host.broadcast(), "dev", "e0");
            ipn(host.namespace(), "link", "set", "lo", "up");
            ipn(host.namespace(), "link", "set", "e0", "up");
            ipn(host.namespace(), "route", "add", "default", "dev", "e0");
            ipn(host.namespace(), "route", "add", "224.0.0.0/4", "dev", "e0");
        }
    }

    private void addNamespace(String ns) {
        Shell.run(List.of("ip", "netns", "add", ns));
        created.add(ns);
        // IPv6 off keeps the links quiet (no router solicitations or MLD in captures and counters)
        Shell.tryRun(List.of(
                "ip",
                "netns",
                "exec",
                ns,
                "sysctl",
                "-qw",
                "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1"));
    }

    private static void ipn(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        Shell.run(cmd);
    }

    public String name() {
        return name;
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    public LabHost host(int index) {
        return hosts.get(index);
    }

    /**
     * Drops the given percentage (0-100, fractions allowed) of the packets the bridge sends towards
     * {@code host}, at random (nftables netdev egress on the bridge-side veth, {@code numgen random});
     * 0 removes the rule.
     */
    public void setLoss(LabHost host, double percent) {
        String table = "iculoss" + host.bridgePort();
        Shell.tryRun(List.of("ip", "netns", "exec", switchNamespace, "nft", "delete", "table", "netdev", table));
        if (percent <= 0) {
            return;
        }
        int perTenThousand = (int) Math.round(percent * 100);
        nft("add", "table", "netdev", table);
        nft(
                "add",
                "chain",
                "netdev",
                table,
                "egress",
                "{ type filter hook egress device \"" + host.bridgePort() + "\" priority 0; }");
        if (perTenThousand >= 10000) {
            nft("add", "rule", "netdev", table, "egress", "counter", "drop");
            return;
        }
        nft(
                "add",
                "rule",
                "netdev",
                table,
                "egress",
                "numgen",
                "random",
                "mod",
                "10000",
                "<",
                Integer.toString(perTenThousand),
                "counter",
                "drop");
    }

    /** Shapes the bridge's egress towards {@code host} to {@code mbit} Mbit/s with a token bucket. */
    public void shape(LabHost host, int mbit) {
        Shell.run(List.of(
                "ip",
                "netns",
                "exec",
                switchNamespace,
                "tc",
                "qdisc",
                "replace",
                "dev",
                host.bridgePort(),
                "root",
                "tbf",
                "rate",
                mbit + "mbit",
                "burst",
                "64kb",
                "latency",
                "20ms"));
    }

    private void nft(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", switchNamespace, "nft"));
        cmd.addAll(List.of(args));
        Shell.run(cmd);
    }

    /** Starts {@code command} inside {@code host}'s namespace; output goes to {@code log}. */
    public Process start(LabHost host, List<String> command, File log) throws IOException {
        return new ProcessBuilder(host.exec(command))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Runs {@code command} in {@code host}'s namespace to completion and returns its output. */
    public String run(LabHost host, List<String> command) {
        return Shell.run(host.exec(command));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        deleteNamespaces();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running or has run
        }
    }

    private synchronized void deleteNamespaces() {
        if (closed) {
            return;
        }
        closed = true;
        // hosts first, then the switch; a namespace that is already gone is fine
        List<String> reversed = new ArrayList<>(created);
        Collections.reverse(reversed);
        for (String ns : reversed) {
            Shell.tryRun(List.of("ip", "netns", "del", ns));
        }
    }
}
