package io.imagecast.session.service;

import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.service.logging.SessionMdc;
import io.imagecast.session.config.SessionConfig;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.ProcessedEventRepository;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionFile;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.domain.SessionState;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.domain.StorageNodeRepository;
import io.imagecast.session.messaging.CommandOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Nothing stays in progress forever: sessions whose node went silent fail with "sender lost",
 * sessions nobody joined before their start timeout fail with "no receivers", and ports of ended
 * sessions whose node vanished are released.
 */
@ApplicationScoped
public class LivenessMonitor {
    private static final Logger LOG = Logger.getLogger(LivenessMonitor.class);

    private final SessionRepository sessions;
    private final StorageNodeRepository nodes;
    private final ProcessedEventRepository processed;
    private final Dispatcher dispatcher;
    private final CommandOutbox outbox;
    private final SessionEndings endings;
    private final SessionConfig config;

    public LivenessMonitor(
            SessionRepository sessions,
            StorageNodeRepository nodes,
            ProcessedEventRepository processed,
            Dispatcher dispatcher,
            CommandOutbox outbox,
            SessionEndings endings,
            SessionConfig config) {
        this.sessions = sessions;
        this.nodes = nodes;
        this.processed = processed;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.endings = endings;
        this.config = config;
    }

    @Transactional
    public void check(Instant now) {
        Set<String> freedGroups = new HashSet<>();
        for (Session candidate : sessions.onNode()) {
            if (verdict(candidate, now).isEmpty()) {
                continue;
            }
            // Decide again on the locked, current row: progress may have arrived meanwhile.
            Session session = sessions.lock(candidate);
            Optional<Verdict> verdict =
                    SessionState.ON_NODE.contains(session.state) ? verdict(session, now) : Optional.empty();
            if (verdict.isEmpty()) {
                continue;
            }
            try (SessionMdc mdc = SessionMdc.of(session.id, session.nodeId)) {
                fail(session, verdict.get().reason(), now);
                if (verdict.get().senderLost()) {
                    session.holdsSlot = false;
                    freedGroups.add(session.groupName);
                } else {
                    // The node is alive: tell it to stop; the slot frees when it confirms.
                    outbox.enqueue(
                            new CancelTransferCommand(
                                    session.id, session.nodeId, verdict.get().reason()),
                            session.id,
                            now);
                }
            }
        }
        for (Session candidate : sessions.endedButHoldingSlot()) {
            if (!nodeSilent(candidate, now)) {
                continue;
            }
            Session ended = sessions.lock(candidate);
            if (ended.holdsSlot && !ended.isActive() && nodeSilent(ended, now)) {
                ended.holdsSlot = false;
                freedGroups.add(ended.groupName);
                try (SessionMdc mdc = SessionMdc.of(ended.id, ended.nodeId)) {
                    LOG.infof("session %s: node %s silent, port %d released", ended.id, ended.nodeId, ended.portBase);
                }
            }
        }
        failOverdueQueued(now);
        sessions.flush();
        freedGroups.forEach(group -> dispatcher.dispatchDue(group, now));
        for (String group : sessions.groupsWithDueQueued(now)) {
            dispatcher.dispatchDue(group, now);
        }
    }

    /** A queued session waits for a slot at most queue.max-wait; then it fails with why it waited. */
    private void failOverdueQueued(Instant now) {
        Duration maxWait = config.queue().maxWait();
        for (Session candidate : sessions.queuedSince(now.minus(maxWait))) {
            Session session = sessions.lock(candidate);
            if (session.state != SessionState.QUEUED) {
                continue;
            }
            try (SessionMdc mdc = SessionMdc.of(session.id, session.nodeId)) {
                fail(
                        session,
                        "still queued after " + readable(maxWait) + ": "
                                + (session.reason == null ? "no free slot" : session.reason),
                        now);
            }
        }
    }

    private record Verdict(String reason, boolean senderLost) {}

    private Optional<Verdict> verdict(Session session, Instant now) {
        // While data flows, progress arrives every second: heartbeats alone do not prove a live transfer.
        // Between two files the sender waits for the receivers of the next one and reports no
        // progress: there its heartbeats are the sign of life, as before the first file.
        Instant lastSign = dataFlowing(session)
                ? latest(session.startedAt, session.lastSenderActivity)
                : latest(session.dispatchedAt, session.lastSenderActivity, heartbeatOf(session));
        if (lastSign != null
                && lastSign.plus(config.liveness().senderLostAfter()).isBefore(now)) {
            return Optional.of(
                    new Verdict("sender lost: node '" + session.nodeId + "' silent since " + lastSign, true));
        }
        if (nobodyJoined(session)
                && session.dispatchedAt
                        .plusSeconds(session.startTimeoutSeconds)
                        .plus(config.liveness().startTimeoutGrace())
                        .isBefore(now)) {
            return Optional.of(new Verdict(
                    "no receivers joined within the start timeout of " + session.startTimeoutSeconds + " s", false));
        }
        return Optional.empty();
    }

    private boolean nodeSilent(Session ended, Instant now) {
        Instant lastSign = latest(ended.finishedAt, ended.lastSenderActivity, heartbeatOf(ended));
        return lastSign != null
                && lastSign.plus(config.liveness().senderLostAfter()).isBefore(now);
    }

    static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    @Transactional
    public long forgetOldEventIds(Instant now) {
        return processed.deleteOlderThan(now.minus(config.liveness().processedEventRetention()));
    }

    private void fail(Session session, String reason, Instant now) {
        endings.end(session, SessionState.FAILED, reason, now);
    }

    /** A file is being sent: progress arrives every second, so heartbeats alone prove nothing. */
    static boolean dataFlowing(Session session) {
        Integer current = session.currentFile;
        return session.state == SessionState.TRANSFERRING
                && current != null
                && session.files.stream().anyMatch(f -> f.fileIndex == current && f.state == SessionFile.State.SENDING);
    }

    private static boolean nobodyJoined(Session session) {
        return session.state != SessionState.TRANSFERRING
                && session.receivers.stream()
                        .noneMatch(r -> r.state != HostState.EXPECTED
                                && r.state != HostState.DROPPED
                                && r.state != HostState.DROP_REQUESTED);
    }

    private Instant heartbeatOf(Session session) {
        StorageNode node = session.nodeId == null ? null : nodes.findById(session.nodeId);
        return node == null ? null : node.lastHeartbeatAt;
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant instant : instants) {
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }
}
