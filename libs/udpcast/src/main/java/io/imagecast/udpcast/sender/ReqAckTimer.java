package io.imagecast.udpcast.sender;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The clock side of REQACK rounds: a smoothed round-trip time that sets each round's deadline, the
 * silence rules that decide when a receiver is given up, and how long the network has refused every
 * send.
 */
final class ReqAckTimer {
    private static final long MS = 1_000_000L;
    /** A receiver that never answered a REQACK is not waited for longer than this. */
    static final long UNCONFIRMED_LIMIT = 4_000 * MS;

    private final long receiverTimeoutNanos;
    private final int retriesUntilDrop;
    private long srttNanos = 5 * MS;
    /** When the kernel started refusing every datagram (0 while sends succeed). */
    private long sendFailingSinceNanos;

    ReqAckTimer(SenderConfig config) {
        this.receiverTimeoutNanos = config.receiverTimeout().toNanos();
        this.retriesUntilDrop = config.retriesUntilDrop();
    }

    /** A REQACK for {@code s} leaves now: a new round, answered by nobody yet, over at its deadline. */
    void newRound(SliceState s, long now) {
        if (s.rxmitId < 0) {
            s.firstReqAckNanos = now;
        }
        s.rxmitId++;
        s.reqAckDue = false;
        s.answered.clear();
        s.reqAckSentNanos = now;
        long timeout = Math.max(3 * MS, Math.min(250 * MS, 3 * srttNanos));
        if (s.roundsWithoutProgress > 10) {
            timeout = 500 * MS;
        }
        s.deadlineNanos = now + timeout;
    }

    /** An answer from {@code p} about {@code s}: it is alive, it knows the slice, and the RTT is sampled. */
    void heard(Participant p, SliceState s, long now) {
        s.heardFrom.set(p.clientNumber);
        p.lastHeardNanos = now;
        p.confirmed = true;
        p.unansweredRounds = 0;
        long rtt = now - s.reqAckSentNanos;
        if (rtt > 0 && rtt < 1000 * MS) {
            srttNanos = (7 * srttNanos + rtt) / 8;
        }
    }

    /** After each pump: {@code failure} is the outbound path's standing error, null while sends succeed. */
    void sendFailure(String failure, long now) {
        if (failure == null) {
            sendFailingSinceNanos = 0;
        } else if (sendFailingSinceNanos == 0) {
            sendFailingSinceNanos = now;
        }
    }

    /**
     * Marks rounds that are over (their REQACK is due again) and returns the receivers to drop, with
     * the reason. Silence counts even while a REQACK waits to be sent: a REQACK the kernel refuses must
     * not keep a receiver forever.
     */
    Map<Participant, String> expired(
            long now, Collection<SliceState> inFlight, Collection<Participant> receivers, String sendFailure) {
        Map<Participant, String> toDrop = new LinkedHashMap<>();
        if (sendFailingSinceNanos != 0 && now - sendFailingSinceNanos > receiverTimeoutNanos) {
            String why = "out of reach: every send failed for " + (now - sendFailingSinceNanos) / MS + " ms ("
                    + sendFailure + ")";
            for (Participant p : receivers) {
                if (!p.finished) {
                    toDrop.put(p, why);
                }
            }
        }
        for (SliceState s : inFlight) {
            if (!s.awaitingAnswers()) {
                continue;
            }
            boolean roundOver = !s.reqAckDue && now >= s.deadlineNanos;
            if (roundOver) {
                s.roundsWithoutProgress++;
            }
            for (Participant p : receivers) {
                if (p.finished || s.ready.get(p.clientNumber) || s.answered.get(p.clientNumber)) {
                    continue;
                }
                if (roundOver) {
                    p.unansweredRounds++;
                }
                // silence counts from when we started waiting for it, not from its last message: a
                // receiver that acknowledged everything had nothing to say while others were slow
                long silent = now - Math.max(p.lastHeardNanos, s.firstReqAckNanos);
                if (!p.confirmed && now - s.firstReqAckNanos > UNCONFIRMED_LIMIT) {
                    toDrop.putIfAbsent(p, "never answered after connecting (its CONNECT_REPLY was probably lost)");
                } else if (silent > receiverTimeoutNanos || p.unansweredRounds > retriesUntilDrop) {
                    toDrop.putIfAbsent(
                            p,
                            "no answer for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (" + p.unansweredRounds
                                    + " unanswered requests)");
                }
            }
            if (roundOver) {
                s.reqAckDue = true;
            }
        }
        return toDrop;
    }
}
