package io.imagecast.sender.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The transfers running on this node, plus the most recent finished ones for the read API. */
@ApplicationScoped
public class TransferRegistry {
    private static final int RECENT_LIMIT = 50;

    private final Map<UUID, ActiveTransfer> running = new LinkedHashMap<>();
    private final Deque<ActiveTransfer> recent = new ArrayDeque<>();

    /** Registers a transfer if a slot is free; false when {@code maxSessions} are already running. */
    public synchronized boolean tryAdd(ActiveTransfer transfer, int maxSessions) {
        if (running.size() >= maxSessions) {
            return false;
        }
        running.put(transfer.sessionId(), transfer);
        return true;
    }

    public synchronized Optional<ActiveTransfer> running(UUID sessionId) {
        return Optional.ofNullable(running.get(sessionId));
    }

    public synchronized Collection<ActiveTransfer> running() {
        return List.copyOf(running.values());
    }

    public synchronized int runningCount() {
        return running.size();
    }

    public synchronized void remove(ActiveTransfer transfer) {
        if (running.remove(transfer.sessionId(), transfer)) {
            recent.addFirst(transfer);
            while (recent.size() > RECENT_LIMIT) {
                recent.removeLast();
            }
        }
    }

    /** Running transfers first, then finished ones, newest first. */
    public synchronized List<TransferSnapshot> snapshots() {
        List<TransferSnapshot> result = new ArrayList<>();
        running.values().forEach(t -> result.add(t.snapshot()));
        recent.forEach(t -> result.add(t.snapshot()));
        return result;
    }

    public synchronized Optional<TransferSnapshot> snapshot(UUID sessionId) {
        ActiveTransfer transfer = running.get(sessionId);
        if (transfer == null) {
            transfer = recent.stream()
                    .filter(t -> t.sessionId().equals(sessionId))
                    .findFirst()
                    .orElse(null);
        }
        return Optional.ofNullable(transfer).map(ActiveTransfer::snapshot);
    }
}
