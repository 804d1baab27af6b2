package io.imagecast.session.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A multicast session: what to send, where it was placed, how far it got. */
@Entity
@Table(name = "multicast_session")
public class Session {
    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public SessionState state;

    public String reason;
    public String groupName;
    public String nodeId;
    public String imageDir;

    /** Files in sending order as the scheduler gave them; empty means the node derives FOG's list. */
    @Convert(converter = StringListConverter.class)
    public List<String> requestedFiles;

    public int expectedReceivers;
    public Integer maxWaitSeconds;
    public Integer minWaitSeconds;
    public int startTimeoutSeconds;
    public Instant startAt;
    public Long maxBitrateBps;
    public boolean fullDuplex;
    public int ttl;

    public Integer portBase;
    public String dataAddress;
    public String interfaceName;
    /** True while a sender may hold the port base, even shortly after the session ended. */
    public boolean holdsSlot;

    public Integer fileCount;
    public Integer currentFile;
    public long bytesSent;
    public Long totalBytes;
    public long bitsPerSecond;
    public long retransmittedBlocks;

    public String createdBy;
    public String idempotencyKey;
    public String requestHash;
    public Instant createdAt;
    public Instant dispatchedAt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant lastSenderActivity;

    /** The session whose missed hosts this one sends to again; null for a first attempt. */
    public UUID retryOf;
    /** The follow-up session for the hosts this one missed, once someone asked for it. */
    public UUID retriedBy;

    @Version
    public long version;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("fileIndex")
    public List<SessionFile> files = new ArrayList<>();

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<SessionReceiver> receivers = new ArrayList<>();

    /** Host moves the host state machine refused while this instance was loaded; counted by the caller. */
    @Transient
    public int refusedHostMoves;

    /**
     * Moves to {@code target} if the state machine allows it, stamping times and the reason.
     *
     * @throws IllegalTransitionException when not allowed; nothing is changed then
     */
    public void moveTo(SessionState target, String why, Instant now) {
        SessionState previous = state;
        state = SessionStateMachine.requireTransition(String.valueOf(id), previous, target);
        reason = why;
        switch (target) {
            case DISPATCHED -> dispatchedAt = now;
            case TRANSFERRING -> startedAt = startedAt == null ? now : startedAt;
            default -> {}
        }
        if (target.isTerminal()) {
            finishedAt = now;
            bitsPerSecond = 0;
            // A node never told to run it holds nothing; otherwise the slot waits for the node.
            if (previous == SessionState.QUEUED) {
                holdsSlot = false;
            }
        }
    }

    /**
     * Ends the session with {@code outcome}: the one rule for every ending (the sender's verdict,
     * liveness, a cancel). Hosts not final yet end by what they did: one that never joined is
     * MISSING, one that joined or was receiving is CANCELLED (the session ended under it), one whose
     * drop the node had not confirmed is DROPPED with the operator's reason.
     *
     * @throws IllegalArgumentException when {@code outcome} is not an end state
     * @throws IllegalTransitionException when the session cannot end now; nothing changes then
     */
    public void end(SessionState outcome, String why, Instant now) {
        if (!outcome.isTerminal()) {
            throw new IllegalArgumentException(outcome + " is not an end state");
        }
        moveTo(outcome, why, now);
        String endedUnder = "session " + outcome + (why == null ? "" : ": " + why);
        for (SessionReceiver receiver : receivers) {
            switch (receiver.state) {
                case EXPECTED -> receiver.moveTo(HostState.MISSING, "never joined", now);
                case JOINED, RECEIVING -> receiver.moveTo(HostState.CANCELLED, endedUnder, now);
                case DROP_REQUESTED -> receiver.moveTo(HostState.DROPPED, null, now);
                default -> {}
            }
        }
    }

    /**
     * The sender got every file out and {@code completedReceivers} receivers got all of them:
     * COMPLETED when every expected receiver did and none is missing or dropped, FAILED when nobody
     * did, otherwise PARTIAL with the shortfalls named in the reason.
     */
    public SessionState endTransfer(int completedReceivers, Instant now) {
        List<String> shortfalls = new ArrayList<>();
        for (SessionReceiver receiver : receivers) {
            if (receiver.state == HostState.EXPECTED || receiver.state == HostState.MISSING) {
                shortfalls.add("missing " + receiver.label());
            } else if (receiver.state == HostState.DROPPED || receiver.state == HostState.DROP_REQUESTED) {
                shortfalls.add("dropped " + receiver.label() + (receiver.reason == null ? "" : ": " + receiver.reason));
            }
        }
        if (completedReceivers == 0) {
            end(SessionState.FAILED, "no receiver completed the transfer", now);
        } else if (!shortfalls.isEmpty() || completedReceivers < expectedReceivers) {
            if (completedReceivers < expectedReceivers) {
                shortfalls.add(0, completedReceivers + " of " + expectedReceivers + " expected receivers completed");
            }
            end(SessionState.PARTIAL, String.join("; ", shortfalls), now);
        } else {
            end(SessionState.COMPLETED, null, now);
        }
        return state;
    }

    /**
     * A receiver joined the rendezvous of a file. It joins again for every file, so one already
     * taking part stays as it is; only a host that was not in yet becomes JOINED.
     */
    public SessionReceiver receiverJoined(String address, Instant at) {
        SessionReceiver receiver = receiverFor(address, at);
        if (receiver.state != HostState.JOINED && receiver.state != HostState.RECEIVING) {
            receiver.moveTo(HostState.JOINED, null, at);
        }
        return receiver;
    }

    /** Bytes of the image before file {@code fileIndex}, as far as the files' sizes are known. */
    public long bytesBefore(int fileIndex) {
        return files.stream()
                .filter(f -> f.fileIndex < fileIndex && f.bytes != null)
                .mapToLong(f -> f.bytes)
                .sum();
    }

    /** The files asked for, or, when the node derived the list, the files the sender named. */
    public List<String> imageFiles() {
        if (!requestedFiles.isEmpty()) {
            return requestedFiles;
        }
        return files.stream().map(f -> f.name).filter(name -> name != null).toList();
    }

    /** Receivers that ended without the image: dropped, never came, or cut off by a cancel. */
    public List<SessionReceiver> missedReceivers() {
        return receivers.stream()
                .filter(r -> r.state.isFinal() && r.state != HostState.COMPLETED)
                .toList();
    }

    /** Receivers the scheduler counted on but never listed and that never showed up. */
    public int unseenReceivers() {
        return Math.max(0, expectedReceivers - receivers.size());
    }

    public boolean isActive() {
        return SessionState.ACTIVE.contains(state);
    }

    public void place(String node, String iface, int port, String address) {
        nodeId = node;
        interfaceName = iface;
        portBase = port;
        dataAddress = address;
        holdsSlot = true;
    }

    public Optional<SessionReceiver> receiverByIp(String address) {
        return receivers.stream().filter(r -> address.equalsIgnoreCase(r.ip)).findFirst();
    }

    public SessionReceiver receiverFor(String address, Instant now) {
        return receiverByIp(address).orElseGet(() -> {
            SessionReceiver unlisted = new SessionReceiver();
            unlisted.session = this;
            unlisted.ip = address;
            unlisted.listed = false;
            unlisted.updatedAt = now;
            receivers.add(unlisted);
            return unlisted;
        });
    }

    public SessionFile file(int index, Instant now) {
        return files.stream().filter(f -> f.fileIndex == index).findFirst().orElseGet(() -> {
            SessionFile file = new SessionFile();
            file.session = this;
            file.fileIndex = index;
            if (index < requestedFiles.size()) {
                file.name = requestedFiles.get(index);
            }
            files.add(file);
            files.sort((a, b) -> Integer.compare(a.fileIndex, b.fileIndex));
            return file;
        });
    }
}
