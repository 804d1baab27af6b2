package io.imagecast.sender.service;

import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.NodeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/** This node's settings: local config until the registry speaks, then whatever it last said. */
@ApplicationScoped
public class LiveNodeSettings {
    private final AtomicReference<NodeSettings> current;

    public LiveNodeSettings(SenderConfig config) {
        this.current = new AtomicReference<>(new NodeSettings(
                config.interfaceName().orElse(null), config.maxBitrateBps().orElse(null), config.maxSessions(), false));
    }

    public NodeSettings current() {
        return current.get();
    }

    /** Takes over the registry's view; an interface the registry leaves empty keeps the local one. */
    public NodeSettings apply(NodeSnapshot node) {
        return current.updateAndGet(previous -> new NodeSettings(
                node.multicastInterface() == null || node.multicastInterface().isBlank()
                        ? previous.interfaceName()
                        : node.multicastInterface(),
                node.maxBitrateBps(),
                node.maxSessions() > 0 ? node.maxSessions() : previous.maxSessions(),
                node.master()));
    }
}
