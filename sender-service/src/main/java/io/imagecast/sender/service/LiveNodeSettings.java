package io.imagecast.sender.service;

import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.NodeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** This node's settings: local config until the registry speaks, then whatever it last said. */
@ApplicationScoped
public class LiveNodeSettings {
    /** The settings and the time of the node event they came from (null while only local config). */
    private record Versioned(NodeSettings settings, Instant eventTime) {}

    /** What one applied node event changed. */
    public record Change(NodeSettings before, NodeSettings after) {}

    private final AtomicReference<Versioned> current;

    public LiveNodeSettings(SenderConfig config) {
        this.current = new AtomicReference<>(new Versioned(
                NodeSettings.local(
                        config.interfaceName().orElse(null),
                        config.maxBitrateBps().orElse(null),
                        config.maxSessions()),
                null));
    }

    public NodeSettings current() {
        return current.get().settings();
    }

    /**
     * Takes over the registry's view (see {@link NodeSettings#withRegistry}) unless the event is older
     * than the one applied last: a redelivered or replayed event must not bring back a state the
     * registry has left (such as the node as first discovered, without an interface). An event of the
     * same time is applied, so a duplicate changes nothing and two changes in one instant are not lost.
     *
     * @return the change, or empty when the event was older and ignored
     */
    public Optional<Change> apply(NodeSnapshot node, Instant eventTime) {
        while (true) {
            Versioned previous = current.get();
            if (previous.eventTime() != null && previous.eventTime().isAfter(eventTime)) {
                return Optional.empty();
            }
            Versioned next = new Versioned(previous.settings().withRegistry(node), eventTime);
            if (current.compareAndSet(previous, next)) {
                return Optional.of(new Change(previous.settings(), next.settings()));
            }
        }
    }
}
