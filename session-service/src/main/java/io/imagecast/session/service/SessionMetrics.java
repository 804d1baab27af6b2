package io.imagecast.session.service;

import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.domain.SessionState;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.domain.StorageNodeRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions in progress as gauges, read from the database at most every five seconds: how many are in
 * each active state, how long the quietest sender of a placed session has been silent (by the signs
 * of life LivenessMonitor accepts: progress while transferring, else also the node's heartbeats), and
 * how long the oldest due session has been queued. The liveness and queue jobs end a session long
 * before these grow past sender-lost-after or queue max-wait; deploy/prometheus's "session stuck"
 * alert fires when they do not.
 */
@Startup
@ApplicationScoped
public class SessionMetrics {
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final SessionRepository sessions;
    private final StorageNodeRepository nodes;
    private Snapshot snapshot;
    private Instant takenAt = Instant.EPOCH;

    public SessionMetrics(SessionRepository sessions, StorageNodeRepository nodes, MeterRegistry registry) {
        this.sessions = sessions;
        this.nodes = nodes;
        for (SessionState state : SessionState.ACTIVE) {
            Gauge.builder("imagecast.sessions", this, m -> m.current().count(state))
                    .description("Sessions in this state")
                    .tag("state", state.name())
                    .register(registry);
        }
        Gauge.builder("imagecast.session.sender.silence", this, m -> m.current().senderSilenceSeconds())
                .description("Longest time a placed session's sender has not been heard from (0: none placed)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("imagecast.session.queued.age", this, m -> m.current().queuedAgeSeconds())
                .description("How long the oldest due session has waited in the queue (0: none queued)")
                .baseUnit("seconds")
                .register(registry);
    }

    private synchronized Snapshot current() {
        Instant now = Instant.now();
        if (snapshot == null || Duration.between(takenAt, now).compareTo(FRESH_FOR) >= 0) {
            try {
                snapshot = QuarkusTransaction.requiringNew().call(() -> {
                    List<Session> active = sessions.list("state in ?1", SessionState.ACTIVE);
                    Map<String, Instant> heartbeats = new HashMap<>();
                    for (Session s : active) {
                        if (s.nodeId != null && !heartbeats.containsKey(s.nodeId)) {
                            StorageNode node = nodes.findById(s.nodeId);
                            heartbeats.put(s.nodeId, node == null ? null : node.lastHeartbeatAt);
                        }
                    }
                    return compute(active, heartbeats, now);
                });
            } catch (RuntimeException e) {
                snapshot = Snapshot.UNKNOWN;
            }
            takenAt = now;
        }
        return snapshot;
    }

    /** {@code heartbeats}: the last heartbeat of each node the sessions are placed on. */
    static Snapshot compute(List<Session> active, Map<String, Instant> heartbeats, Instant now) {
        Map<SessionState, Integer> counts = new EnumMap<>(SessionState.class);
        double silence = 0;
        double queued = 0;
        for (Session s : active) {
            counts.merge(s.state, 1, Integer::sum);
            if (SessionState.ON_NODE.contains(s.state)) {
                Instant heard = LivenessMonitor.dataFlowing(s)
                        ? latest(s.startedAt, s.lastSenderActivity)
                        : latest(s.dispatchedAt, s.lastSenderActivity, heartbeats.get(s.nodeId));
                silence = Math.max(silence, seconds(heard == null ? s.createdAt : heard, now));
            } else if (s.state == SessionState.QUEUED) {
                Instant due = s.startAt != null && s.startAt.isAfter(s.createdAt) ? s.startAt : s.createdAt;
                queued = Math.max(queued, seconds(due, now));
            }
        }
        return new Snapshot(counts, silence, queued);
    }

    private static double seconds(Instant from, Instant now) {
        return from == null ? 0 : Math.max(0, Duration.between(from, now).toMillis() / 1000.0);
    }

    private static Instant latest(Instant... candidates) {
        Instant latest = null;
        for (Instant i : candidates) {
            if (i != null && (latest == null || i.isAfter(latest))) {
                latest = i;
            }
        }
        return latest;
    }

    record Snapshot(Map<SessionState, Integer> counts, double senderSilenceSeconds, double queuedAgeSeconds) {
        /** The database could not be read: every gauge reports NaN rather than a made-up zero. */
        static final Snapshot UNKNOWN = new Snapshot(null, Double.NaN, Double.NaN);

        double count(SessionState state) {
            return counts == null ? Double.NaN : counts.getOrDefault(state, 0);
        }
    }
}
