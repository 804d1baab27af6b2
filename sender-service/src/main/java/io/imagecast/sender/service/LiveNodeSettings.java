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
        this.current = new AtomicReference<>(NodeSettings.local(
                config.interfaceName().orElse(null), config.maxBitrateBps().orElse(null), config.maxSessions()));
    }

    public NodeSettings current() {
        return current.get();
    }

    /** Takes over the registry's view (see {@link NodeSettings#withRegistry}). */
    public NodeSettings apply(NodeSnapshot node) {
        return current.updateAndGet(previous -> previous.withRegistry(node));
    }
}
