package io.imagecast.sender.service;

import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.sender.config.SenderConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Tells the registry every few seconds that this node lives, what interfaces it has and how busy it is. */
@ApplicationScoped
public class HeartbeatReporter {
    private static final Logger LOG = Logger.getLogger(HeartbeatReporter.class);

    private final SenderConfig config;
    private final NetworkInterfaces interfaces;
    private final TransferRegistry registry;
    private final LiveNodeSettings settings;
    private final EventPublisher publisher;
    private final Clock clock;
    private final String hostname;
    private final String version;

    public HeartbeatReporter(
            SenderConfig config,
            NetworkInterfaces interfaces,
            TransferRegistry registry,
            LiveNodeSettings settings,
            EventPublisher publisher,
            Clock clock) {
        this.config = config;
        this.interfaces = interfaces;
        this.registry = registry;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
        this.hostname = localHostname();
        String implementation = HeartbeatReporter.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "dev" : implementation;
    }

    @Scheduled(
            every = "${imagecast.sender.heartbeat-interval:5s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        publisher.publish(current()).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warnf("heartbeat not published: %s", failure.getMessage());
            }
        });
    }

    public NodeHeartbeat current() {
        List<UUID> running =
                registry.running().stream().map(ActiveTransfer::sessionId).toList();
        int freeSlots = Math.max(0, settings.current().maxSessions() - running.size());
        return new NodeHeartbeat(
                config.nodeId(),
                hostname,
                clock.instant(),
                interfaces.discover(),
                running,
                freeSlots,
                config.storageRoot().toString(),
                storageRootReadable(),
                version);
    }

    public boolean storageRootReadable() {
        return Files.isDirectory(config.storageRoot()) && Files.isReadable(config.storageRoot());
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
