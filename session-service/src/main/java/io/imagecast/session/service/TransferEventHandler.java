package io.imagecast.session.service;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverDropped;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferFailed;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.service.logging.SessionMdc;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.IllegalTransitionException;
import io.imagecast.session.domain.ProcessedEventRepository;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionFile;
import io.imagecast.session.domain.SessionReceiver;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.domain.SessionState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Applies what a sender reports to its session, once per event id. */
@ApplicationScoped
public class TransferEventHandler {
    private static final Logger LOG = Logger.getLogger(TransferEventHandler.class);

    private final SessionRepository sessions;
    private final ProcessedEventRepository processed;
    private final Dispatcher dispatcher;
    private final SessionEndings endings;
    private final MeterRegistry registry;

    public TransferEventHandler(
            SessionRepository sessions,
            ProcessedEventRepository processed,
            Dispatcher dispatcher,
            SessionEndings endings,
            MeterRegistry registry) {
        this.sessions = sessions;
        this.processed = processed;
        this.dispatcher = dispatcher;
        this.endings = endings;
        this.registry = registry;
    }

    /**
     * Applies the event in a transaction of its own. An event the state machine refuses is rolled
     * back whole, so none of its earlier changes stay; its id is then recorded on its own, so a
     * redelivery is not refused again.
     */
    public void handle(EventMetadata metadata, TransferEvent event) {
        try (SessionMdc mdc = SessionMdc.of(event.sessionId(), event.nodeId())) {
            try {
                QuarkusTransaction.requiringNew().run(() -> applyOnce(metadata, event));
            } catch (RuntimeException e) {
                IllegalTransitionException refused = refusal(e);
                if (refused == null) {
                    throw e;
                }
                QuarkusTransaction.requiringNew().run(() -> processed.markProcessed(metadata.id(), Instant.now()));
                registry.counter("imagecast.session.illegal.transitions", "event", metadata.type())
                        .increment();
                LOG.warnf("%s not applied to session %s: %s", metadata.type(), event.sessionId(), refused.getMessage());
            }
        }
    }

    private void applyOnce(EventMetadata metadata, TransferEvent event) {
        Instant now = Instant.now();
        if (!processed.markProcessed(metadata.id(), now)) {
            LOG.debugf("event %s already applied, skipped", metadata.id());
            return;
        }
        // Locked: progress arriving every second must serialise with cancels, not collide with them.
        Session session = sessions.lockById(event.sessionId()).orElse(null);
        if (session == null) {
            LOG.warnf(
                    "%s for unknown session %s from node %s ignored",
                    metadata.type(), event.sessionId(), event.nodeId());
            return;
        }
        if (session.nodeId == null || !session.nodeId.equals(event.nodeId())) {
            LOG.warnf(
                    "%s from node %s ignored: session %s runs on %s",
                    metadata.type(), event.nodeId(), session.id, session.nodeId);
            return;
        }
        // Liveness compares against our own clock; what the sender did is stamped with its time (ce_time).
        session.lastSenderActivity = now;
        apply(session, event, metadata.time());
        if (session.refusedHostMoves > 0) {
            registry.counter("imagecast.session.illegal.transitions", "event", metadata.type())
                    .increment(session.refusedHostMoves);
        }
    }

    private static IllegalTransitionException refusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalTransitionException refused) {
                return refused;
            }
        }
        return null;
    }

    /** {@code now} is the event's own time: files, receivers and the session are stamped with it. */
    private void apply(Session session, TransferEvent event, Instant now) {
        if (event instanceof TransferAccepted accepted) {
            session.fileCount = accepted.fileCount();
            session.totalBytes = accepted.totalBytes();
        } else if (event instanceof WaitingForReceivers waiting) {
            if (session.state == SessionState.DISPATCHED) {
                session.moveTo(SessionState.WAITING_FOR_RECEIVERS, null, now);
            }
            requireRunning(session, event);
            advanceTo(session, waiting.fileIndex());
        } else if (event instanceof ReceiverJoined joined) {
            if (session.state == SessionState.DISPATCHED) {
                session.moveTo(SessionState.WAITING_FOR_RECEIVERS, null, now);
            }
            requireRunning(session, event);
            session.receiverJoined(joined.address(), now);
        } else if (event instanceof TransferStarted started) {
            started(session, started, now);
        } else if (event instanceof TransferProgress progress) {
            progress(session, progress, now);
        } else if (event instanceof FileCompleted completed) {
            fileCompleted(session, completed, now);
        } else if (event instanceof ReceiverDropped dropped) {
            requireRunning(session, event);
            session.receiverFor(dropped.address(), now).moveTo(HostState.DROPPED, dropped.reason(), now);
        } else if (event instanceof TransferCompleted completed) {
            completed(session, completed, now);
        } else if (event instanceof TransferFailed failed) {
            if (session.state.isTerminal()) {
                releaseSlot(session);
            } else {
                finish(session, SessionState.FAILED, failed.reason(), now);
            }
        } else if (event instanceof TransferCancelled cancelled) {
            // Our own cancel already ended the session; the node now confirms its sender stopped.
            if (session.state.isTerminal()) {
                releaseSlot(session);
            } else {
                finish(session, SessionState.CANCELLED, "cancelled on node: " + cancelled.reason(), now);
            }
        } else {
            LOG.warnf("unhandled transfer event %s", event.getClass().getSimpleName());
        }
    }

    private void started(Session session, TransferStarted started, Instant now) {
        transferring(session, now);
        requireRunning(session, started);
        SessionFile file = session.file(started.fileIndex(), now);
        file.name = started.fileName();
        file.bytes = started.fileBytes();
        if (file.state == SessionFile.State.COMPLETED || currentFile(session) > started.fileIndex()) {
            // Overtaken by later events: the metadata is welcome, the step back is not.
            LOG.debugf("late TransferStarted for file %d of session %s ignored", started.fileIndex(), session.id);
            return;
        }
        advanceTo(session, started.fileIndex());
        session.fileCount = started.fileCount();
        file.state = SessionFile.State.SENDING;
        file.startedAt = file.startedAt == null ? now : file.startedAt;
        file.receivers = started.receivers().size();
        for (String address : started.receivers()) {
            SessionReceiver receiver = session.receiverFor(address, now);
            receiver.moveTo(HostState.RECEIVING, null, now);
            receiver.fileIndex = started.fileIndex();
            receiver.acknowledgedBytes = session.bytesBefore(started.fileIndex());
        }
    }

    private void progress(Session session, TransferProgress progress, Instant now) {
        transferring(session, now);
        requireRunning(session, progress);
        if (isOlder(progress.fileIndex(), progress.bytesSent(), session)) {
            LOG.debugf(
                    "stale progress (file %d, %d bytes) for session %s ignored: view is at file %d, %d bytes",
                    progress.fileIndex(), progress.bytesSent(), session.id, session.currentFile, session.bytesSent);
            return;
        }
        session.currentFile = progress.fileIndex();
        session.fileCount = progress.fileCount();
        session.bytesSent = progress.bytesSent();
        session.totalBytes = progress.totalBytes();
        session.bitsPerSecond = progress.bitsPerSecond();
        session.retransmittedBlocks = progress.retransmittedBlocks();
        // Events count the current file's bytes; the view counts the whole image.
        long before = session.bytesBefore(progress.fileIndex());
        for (ReceiverProgress receiverProgress : progress.receivers()) {
            SessionReceiver receiver = session.receiverFor(receiverProgress.address(), now);
            receiver.fileIndex = progress.fileIndex();
            receiver.acknowledgedBytes = before + receiverProgress.acknowledgedBytes();
            receiver.updatedAt = now;
        }
    }

    private void fileCompleted(Session session, FileCompleted completed, Instant now) {
        requireRunning(session, completed);
        advanceTo(session, completed.fileIndex());
        SessionFile file = session.file(completed.fileIndex(), now);
        file.name = completed.fileName();
        file.state = SessionFile.State.COMPLETED;
        file.completedAt = file.completedAt == null ? now : file.completedAt;
        file.receivers = completed.receivers().size();
        for (String address : completed.receivers()) {
            SessionReceiver receiver = session.receiverFor(address, now);
            receiver.filesCompleted = Math.max(receiver.filesCompleted, completed.fileIndex() + 1);
            if (file.bytes != null) {
                receiver.acknowledgedBytes =
                        Math.max(receiver.acknowledgedBytes, session.bytesBefore(completed.fileIndex()) + file.bytes);
            }
            receiver.updatedAt = now;
        }
    }

    private void completed(Session session, TransferCompleted completed, Instant now) {
        if (session.state.isTerminal()) {
            releaseSlot(session);
            return;
        }
        // TransferStarted may have been lost: the transfer did run, whatever the view last saw.
        transferring(session, now);
        session.bytesSent = completed.totalBytes();
        session.totalBytes = completed.totalBytes();
        if (!completed.completedReceivers().isEmpty()) {
            allFilesDone(session, now);
        }
        for (String address : completed.completedReceivers()) {
            SessionReceiver receiver = session.receiverFor(address, now);
            receiver.filesCompleted = session.fileCount == null ? receiver.filesCompleted : session.fileCount;
            receiver.acknowledgedBytes = completed.totalBytes();
            receiver.moveTo(HostState.COMPLETED, null, now);
        }
        for (DroppedReceiver dropped : completed.dropped()) {
            session.receiverFor(dropped.address(), now).moveTo(HostState.DROPPED, dropped.reason(), now);
        }
        endings.endTransfer(session, completed.completedReceivers().size(), now);
        releaseSlot(session);
    }

    private void finish(Session session, SessionState outcome, String reason, Instant now) {
        endings.end(session, outcome, reason, now);
        releaseSlot(session);
    }

    private void releaseSlot(Session session) {
        if (session.holdsSlot) {
            session.holdsSlot = false;
            sessions.flush();
            dispatcher.dispatchDue(session.groupName, Instant.now());
        }
    }

    /** The sender got every file through: the view shows all of them done, whatever was missed. */
    private static void allFilesDone(Session session, Instant now) {
        int count = session.fileCount != null ? session.fileCount : session.files.size();
        for (int index = 0; index < count; index++) {
            SessionFile file = session.file(index, now);
            if (file.state != SessionFile.State.COMPLETED) {
                file.state = SessionFile.State.COMPLETED;
                file.completedAt = now;
            }
        }
        if (count > 0) {
            advanceTo(session, count - 1);
        }
    }

    /** Data flowing proves the transfer started, even when the event saying so was lost. */
    private static void transferring(Session session, Instant now) {
        if (session.state == SessionState.DISPATCHED || session.state == SessionState.WAITING_FOR_RECEIVERS) {
            session.moveTo(SessionState.TRANSFERRING, null, now);
        }
    }

    private static int currentFile(Session session) {
        return session.currentFile == null ? -1 : session.currentFile;
    }

    /** Moves the current file forward only: events may arrive out of order, the view never goes back. */
    private static void advanceTo(Session session, int fileIndex) {
        if (fileIndex > currentFile(session)) {
            session.currentFile = fileIndex;
        }
    }

    /** True when (fileIndex, bytesSent) is behind what the view already shows. */
    static boolean isOlder(int fileIndex, long bytesSent, Session session) {
        int current = currentFile(session);
        return fileIndex < current || (fileIndex == current && bytesSent < session.bytesSent);
    }

    /** Progress for a session that is not running is stale or out of order: refuse it. */
    private static void requireRunning(Session session, TransferEvent event) {
        if (!SessionState.ON_NODE.contains(session.state)) {
            throw new IllegalTransitionException(
                    "session " + session.id + " (" + event.getClass().getSimpleName() + ")",
                    session.state,
                    session.state);
        }
    }
}
