package io.imagecast.udpcast.sender;

import java.util.Set;

/**
 * When a waiting sender starts sending a file: a pure decision from the receivers connected so far and
 * the clock, so that every rule of udp-sender's start options can be tested on its own.
 */
final class StartPolicy {
    /** The decision; {@code reason} says why a FAIL fails. */
    record Decision(Kind kind, String reason) {
        enum Kind {
            WAIT,
            START,
            FAIL
        }

        static final Decision WAIT = new Decision(Kind.WAIT, null);
        static final Decision START = new Decision(Kind.START, null);

        static Decision fail(String reason) {
            return new Decision(Kind.FAIL, reason);
        }
    }

    /**
     * What the sender knows while it waits.
     *
     * @param connected receivers connected for this file
     * @param expected for files after the first: the receivers that completed the previous file
     * @param startedNanos when the sender started (the first file's start timeout counts from here)
     * @param waitingSinceNanos when this file was announced (the re-join timeout counts from here)
     * @param firstJoinNanos when the first receiver connected for this file, 0 before
     * @param startRequested a GO or a keypress asked to start now
     */
    record Waiting(
            int fileIndex,
            int fileCount,
            Set<String> connected,
            Set<String> expected,
            long startedNanos,
            long waitingSinceNanos,
            long firstJoinNanos,
            boolean startRequested) {}

    private final SenderConfig config;

    StartPolicy(SenderConfig config) {
        this.config = config;
    }

    Decision decide(Waiting w, long now) {
        int count = w.connected().size();
        if (w.fileIndex() > 0) {
            boolean allBack = w.connected().containsAll(w.expected());
            boolean timedOut =
                    now - w.waitingSinceNanos() >= config.rejoinTimeout().toNanos();
            if (allBack || (timedOut && count > 0) || (w.startRequested() && count > 0)) {
                return Decision.START;
            }
            if (timedOut) {
                return Decision.fail("no receiver re-joined for file " + (w.fileIndex() + 1) + " of " + w.fileCount()
                        + " within " + config.rejoinTimeout().toMillis() + " ms");
            }
            return Decision.WAIT;
        }
        boolean joined = w.firstJoinNanos() != 0;
        boolean minWaitOver =
                joined && now - w.firstJoinNanos() >= config.minWait().toNanos();
        boolean enough = config.minReceivers() > 0 && count >= config.minReceivers() && minWaitOver;
        boolean maxWaitOver = config.maxWait() != null
                && joined
                && now - w.firstJoinNanos() >= config.maxWait().toNanos()
                && count > 0;
        if (enough || maxWaitOver || (w.startRequested() && count > 0)) {
            return Decision.START;
        }
        if (now - w.startedNanos() >= config.startTimeout().toNanos()) {
            return Decision.fail("start timeout: " + count + " receiver(s) connected, "
                    + (config.minReceivers() > 0 ? config.minReceivers() + " required" : "no start criterion met")
                    + " after " + config.startTimeout().toSeconds() + " s");
        }
        return Decision.WAIT;
    }
}
