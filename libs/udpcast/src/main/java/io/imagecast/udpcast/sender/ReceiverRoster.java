package io.imagecast.udpcast.sender;

import io.imagecast.udpcast.wire.Bitmap128;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who takes part: the receivers connected for the current file with their client numbers, who is
 * expected back for the next file, and for every receiver that ever connected how many files it
 * completed, what it acknowledged and why it failed. Client numbers stay with a host for the whole
 * transfer, as its CONNECT_REPLY told it.
 */
final class ReceiverRoster {
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Integer> clientNumbers = new HashMap<>();
    private final BitSet usedClientNumbers = new BitSet();
    private final Set<String> expectedForFile = new HashSet<>();
    private final Map<String, int[]> filesCompleted = new LinkedHashMap<>();
    private final Map<String, Long> bytesAcked = new HashMap<>();
    private final Map<String, String> failureReasons = new LinkedHashMap<>();

    Participant get(String host) {
        return participants.get(host);
    }

    Collection<Participant> current() {
        return participants.values();
    }

    Set<String> hosts() {
        return participants.keySet();
    }

    boolean isEmpty() {
        return participants.isEmpty();
    }

    int size() {
        return participants.size();
    }

    /** Receivers that completed the previous file: the ones the next file waits for. */
    Set<String> expected() {
        return expectedForFile;
    }

    /** For files after the first: a stranger that did not take the file before is out of step. */
    boolean skippedPreviousFile(String host, int fileIndex) {
        return fileIndex > 0 && !expectedForFile.contains(host);
    }

    /** A new participant with its client number, or null when all 128 numbers are taken. */
    Participant join(String host, int receiveBuffer, long now) {
        int number = clientNumberFor(host);
        if (number < 0) {
            return null;
        }
        Participant p = new Participant(host, number, now);
        p.receiveBuffer = receiveBuffer;
        failureReasons.remove(host); // back after a DISCONNECT before the start
        participants.put(host, p);
        filesCompleted.putIfAbsent(host, new int[1]);
        return p;
    }

    private int clientNumberFor(String host) {
        Integer n = clientNumbers.get(host);
        if (n != null) {
            return n;
        }
        int free = usedClientNumbers.nextClearBit(0);
        if (free >= Bitmap128.BITS) {
            return -1;
        }
        usedClientNumbers.set(free);
        clientNumbers.put(host, free);
        return free;
    }

    /** Removed with a reason; what it acknowledged of the current file still counts. */
    void remove(Participant p, String reason) {
        participants.remove(p.host);
        bytesAcked.merge(p.host, p.ackedBytes, Long::sum);
        recordFailure(p.host, reason);
    }

    /** Expected receivers that did not come back for this file. */
    List<String> missingRejoiners() {
        List<String> missing = new ArrayList<>();
        for (String host : expectedForFile) {
            if (!participants.containsKey(host)) {
                missing.add(host);
            }
        }
        return missing;
    }

    /** Every current participant completed a file of {@code bytes}; returns them. */
    List<String> fileCompleted(long bytes) {
        List<String> done = new ArrayList<>();
        for (Participant p : participants.values()) {
            done.add(p.host);
            filesCompleted.get(p.host)[0]++;
            bytesAcked.merge(p.host, bytes, Long::sum);
        }
        return done;
    }

    /** The next file waits for {@code done}; nobody is connected for it yet. */
    void nextFile(List<String> done) {
        expectedForFile.clear();
        expectedForFile.addAll(done);
    }

    void clearConnections() {
        participants.clear();
    }

    /** Participants that have not finished the current file end with {@code reason}. */
    void endUnfinished(String reason) {
        for (Participant p : participants.values()) {
            if (!p.finished) {
                bytesAcked.merge(p.host, p.ackedBytes, Long::sum);
                recordFailure(p.host, reason);
            }
        }
    }

    void failAll(String reason) {
        for (Participant p : participants.values()) {
            recordFailure(p.host, reason);
        }
    }

    /** The first reason given for a host sticks. */
    void recordFailure(String host, String reason) {
        failureReasons.putIfAbsent(host, reason);
        filesCompleted.putIfAbsent(host, new int[1]);
    }

    String failureReason(String host) {
        return failureReasons.get(host);
    }

    int failedCount() {
        return failureReasons.size();
    }

    int smallestReceiveBuffer() {
        int smallest = Integer.MAX_VALUE;
        for (Participant p : participants.values()) {
            smallest = Math.min(smallest, p.receiveBuffer);
        }
        return smallest;
    }

    Map<String, Long> ackedBytesOfCurrentFile() {
        Map<String, Long> perReceiver = new LinkedHashMap<>();
        for (Participant p : participants.values()) {
            perReceiver.put(p.host, p.ackedBytes);
        }
        return perReceiver;
    }

    /**
     * The transfer's result. A PARTIAL in which no receiver completed is a FAILED.
     *
     * @param fileCount a receiver is complete only with every file and no failure
     */
    TransferResult result(
            TransferResult.Outcome outcome,
            String reason,
            int fileCount,
            long totalBytes,
            long millis,
            SenderStats stats) {
        List<TransferResult.ReceiverOutcome> outcomes = outcomes(fileCount);
        TransferResult.Outcome effective = outcome == TransferResult.Outcome.PARTIAL
                        && outcomes.stream().noneMatch(TransferResult.ReceiverOutcome::completed)
                ? TransferResult.Outcome.FAILED
                : outcome;
        return new TransferResult(effective, reason, totalBytes, millis, outcomes, stats);
    }

    private List<TransferResult.ReceiverOutcome> outcomes(int fileCount) {
        List<TransferResult.ReceiverOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, int[]> e : filesCompleted.entrySet()) {
            String host = e.getKey();
            boolean complete = e.getValue()[0] == fileCount && !failureReasons.containsKey(host);
            outcomes.add(new TransferResult.ReceiverOutcome(
                    host, complete, e.getValue()[0], bytesAcked.getOrDefault(host, 0L), failureReasons.get(host)));
        }
        return List.copyOf(outcomes);
    }
}
