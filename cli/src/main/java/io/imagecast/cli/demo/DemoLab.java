package io.imagecast.cli.demo;

import io.imagecast.netlab.LabHost;
import io.imagecast.netlab.NetLab;
import io.imagecast.netlab.RootUplink;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's network: N client namespaces on a bridge, and this machine's own namespace (where the
 * launcher's sender-service runs) attached to that bridge as the storage node at {@code <subnet>.254}.
 */
final class DemoLab implements AutoCloseable {
    static final String NAMESPACE_PREFIX = "icd";
    static final int STORAGE_OCTET = 254;

    private final NetLab lab;
    private final RootUplink uplink;
    private volatile boolean closed;

    private DemoLab(NetLab lab, RootUplink uplink) {
        this.lab = lab;
        this.uplink = uplink;
    }

    /** {@code subnet} is the first three octets, inside 10.204.0.0/16. */
    static DemoLab create(String subnet, int clients) {
        NetLab lab = NetLab.create(NAMESPACE_PREFIX, subnet, clients);
        try {
            return new DemoLab(lab, RootUplink.attach(lab, "st", STORAGE_OCTET));
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    String name() {
        return lab.name();
    }

    List<LabHost> clients() {
        return lab.hosts();
    }

    String storageInterface() {
        return uplink.interfaceName();
    }

    String storageAddress() {
        return uplink.address();
    }

    Process start(LabHost host, List<String> command, File log) throws IOException {
        return lab.start(host, command, log);
    }

    /** Kills every process left in the client namespaces, then deletes the uplink and the namespaces. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LabHost host : lab.hosts()) {
            killAllIn(host);
        }
        uplink.close();
        lab.close();
    }

    private static void killAllIn(LabHost host) {
        try {
            Process pids = new ProcessBuilder("ip", "netns", "pids", host.namespace())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pids.waitFor(10, TimeUnit.SECONDS);
            for (String line : output.lines().map(String::trim).toList()) {
                if (line.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(line)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException e) {
            // the namespace is deleted right after; nothing more can be done about a process we cannot list
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
