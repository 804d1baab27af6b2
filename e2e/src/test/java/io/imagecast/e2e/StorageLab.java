package io.imagecast.e2e;

import io.imagecast.netlab.LabHost;
import io.imagecast.netlab.NetLab;
import io.imagecast.netlab.RootUplink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A netlab of client namespaces whose bridge is also reachable from the root namespace through a veth:
 * the root namespace is the storage node, so its services reach Kafka on loopback and multicast on the
 * veth. Only the veth and the lab's own namespaces are touched.
 */
final class StorageLab implements AutoCloseable {
    static final String SUBNET = "10.202.0";

    private final NetLab lab;
    private RootUplink uplink;
    private final String storageInterface;
    private final String storageAddress;

    private StorageLab(NetLab lab, String subnet) {
        this.lab = lab;
        this.storageAddress = subnet + ".254";
        // lab names are "ics" + 4 hex digits: unique per run and short enough for an interface name
        this.storageInterface = lab.name() + "st";
    }

    static StorageLab create(int clients) {
        return create("ics", SUBNET, clients);
    }

    /** A lab with its own name prefix and subnet, so it can run beside the other tests' labs. */
    static StorageLab create(String prefix, String subnet, int clients) {
        NetLab lab = NetLab.create(prefix, subnet, clients);
        StorageLab storage = new StorageLab(lab, subnet);
        try {
            storage.attachRootNamespace();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    private void attachRootNamespace() {
        uplink = RootUplink.attach(lab, "st", 254);
    }

    String storageInterface() {
        return storageInterface;
    }

    String storageAddress() {
        return storageAddress;
    }

    List<LabHost> clients() {
        return lab.hosts();
    }

    NetLab netLab() {
        return lab;
    }

    /** Every process still running in {@code host}'s namespace. */
    List<Long> pidsIn(LabHost host) {
        String output = capture("ip", "netns", "pids", host.namespace());
        return output.lines()
                .filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.trim()))
                .toList();
    }

    @Override
    public void close() {
        if (uplink != null) {
            uplink.close(); // it also disappears with the switch namespace below
        }
        lab.close();
    }

    private static String capture(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
