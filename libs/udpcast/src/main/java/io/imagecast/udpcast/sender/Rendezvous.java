package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.wire.ConnectReply;
import io.imagecast.udpcast.wire.ConnectRequest;
import java.util.function.Consumer;

/**
 * The rendezvous before each file: announcing it (HELLO, repeated), answering CONNECT_REQs, refusing
 * receivers that are out of step, the start decision, and the confirming window (a last HELLO: only
 * receivers that are not connected answer it, so silence means all are in). It also repairs a
 * CONNECT_REPLY lost just before the start.
 */
final class Rendezvous {
    private static final long MS = 1_000_000L;
    private static final long CONFIRM_WINDOW = 15 * MS;
    private static final int CONFIRM_ROUNDS = 4;

    private final SenderConfig config;
    private final int fileCount;
    private final long startedNanos;
    private final StartPolicy startPolicy;
    private final ReceiverRoster roster;
    private final ControlReplies control;
    private final Consumer<SenderEvent> events;

    private int fileIndex;
    private long announcedNanos;
    private long firstJoinNanos;
    private long nextHelloNanos;
    private long confirmUntilNanos;
    private int confirmRounds;
    private boolean startRequested;

    Rendezvous(
            SenderConfig config,
            int fileCount,
            long startedNanos,
            ReceiverRoster roster,
            ControlReplies control,
            Consumer<SenderEvent> events) {
        this.config = config;
        this.fileCount = fileCount;
        this.startedNanos = startedNanos;
        this.startPolicy = new StartPolicy(config);
        this.roster = roster;
        this.control = control;
        this.events = events;
    }

    /** Announces file {@code fileIndex}: nobody is connected for it yet. */
    void announce(int fileIndex, long now) {
        this.fileIndex = fileIndex;
        announcedNanos = now;
        firstJoinNanos = 0;
        startRequested = false;
        roster.clearConnections();
        events.accept(new SenderEvent.Waiting(
                fileIndex, fileCount, control.controlHost(), control.groupHost(), config.portBase()));
        hello(now);
    }

    /** Every tick while waiting: HELLO is repeated until the start. */
    void tick(long now) {
        if (now >= nextHelloNanos) {
            hello(now);
        }
    }

    private void hello(long now) {
        control.hello();
        nextHelloNanos = now + config.helloInterval().toNanos();
    }

    /**
     * A CONNECT_REQ before data starts. Every one is answered (the first reply may have been lost).
     *
     * @param confirming the start is decided: a request now extends the confirming window
     * @return true when a new receiver joined (the start criterion may now hold)
     */
    boolean connectRequest(String from, ConnectRequest request, boolean confirming, long now) {
        Participant known = roster.get(from);
        if (known != null) {
            known.receiveBuffer = request.receiveBufferSize();
            control.connectReply(from, known.clientNumber);
            if (confirming) {
                extendConfirm(now);
            }
            return false;
        }
        if (roster.skippedPreviousFile(from, fileIndex)) {
            String detail = "connected for file " + (fileIndex + 1) + " of " + fileCount + " without having taken file "
                    + fileIndex;
            events.accept(new SenderEvent.ReceiverDesync(from, fileIndex, detail));
            notice("Refusing " + from + ": " + detail);
            control.connectReply(from, ConnectReply.REFUSED);
            return false;
        }
        Participant p = config.pointToPoint() == PointToPoint.ALWAYS && !roster.isEmpty()
                ? null
                : roster.join(from, request.receiveBufferSize(), now);
        if (p == null) {
            control.connectReply(from, ConnectReply.REFUSED);
            return false;
        }
        if (firstJoinNanos == 0) {
            firstJoinNanos = now;
        }
        control.connectReply(from, p.clientNumber);
        notice("New connection from " + from + "  (#" + p.clientNumber + ")");
        events.accept(new SenderEvent.ReceiverJoined(from, p.clientNumber, fileIndex));
        if (confirming) {
            extendConfirm(now);
        }
        return !confirming;
    }

    /**
     * A CONNECT_REQ after data started from a participant that never answered: its CONNECT_REPLY was lost
     * just before the start. While nothing past slice 0 has been opened (slice 1 waits until every
     * receiver has answered for slice 0) it can still join, so it is answered again.
     *
     * @return false when it is too late (udp-sender ignores late joiners too: connecting one now would
     *     only get it "Dropped by server")
     */
    boolean repairLostReply(String from, SliceWindow window) {
        Participant ghost = roster.get(from);
        if (ghost == null || ghost.confirmed || window.bytesAckedByAll() != 0 || window.nextSliceNumber() > 1) {
            return false;
        }
        control.connectReply(from, ghost.clientNumber);
        notice("Repeated CONNECT_REPLY to " + from + " (#" + ghost.clientNumber
                + "): it had not received the first one");
        return true;
    }

    /** A receiver said DISCONNECT before data started: it is out, with that reason. */
    void leftBeforeStart(Participant p) {
        String reason = "disconnected before the transfer started";
        roster.remove(p, reason);
        notice("Disconnect from " + p.host + " before the start");
        events.accept(new SenderEvent.ReceiverDropped(p.host, fileIndex, reason));
    }

    /** A GO from a receiver, or the operator's keypress. */
    void requestStart() {
        startRequested = true;
    }

    /**
     * Applies the {@link StartPolicy}. On START the receivers that did not come back are reported and the
     * confirming window opens.
     */
    StartPolicy.Decision decide(long now) {
        StartPolicy.Decision d = startPolicy.decide(
                new StartPolicy.Waiting(
                        fileIndex,
                        fileCount,
                        roster.hosts(),
                        roster.expected(),
                        startedNanos,
                        announcedNanos,
                        firstJoinNanos,
                        startRequested),
                now);
        if (d.kind() == StartPolicy.Decision.Kind.START) {
            for (String missing : roster.missingRejoiners()) {
                roster.recordFailure(
                        missing,
                        "did not re-join for file " + (fileIndex + 1) + " within "
                                + config.rejoinTimeout().toMillis() + " ms");
                events.accept(new SenderEvent.ReceiverDropped(missing, fileIndex, roster.failureReason(missing)));
            }
            confirmRounds = 0;
            extendConfirm(now);
        }
        return d;
    }

    /** One more HELLO, at most four rounds. */
    private void extendConfirm(long now) {
        if (confirmRounds >= CONFIRM_ROUNDS) {
            return;
        }
        confirmRounds++;
        hello(now);
        confirmUntilNanos = now + CONFIRM_WINDOW;
    }

    boolean confirmOver(long now) {
        return now >= confirmUntilNanos;
    }

    private void notice(String message) {
        events.accept(new SenderEvent.Notice(message));
    }
}
